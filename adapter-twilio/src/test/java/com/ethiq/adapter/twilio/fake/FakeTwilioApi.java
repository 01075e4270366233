package com.ethiq.adapter.twilio.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Twilio's REST API (2010-04-01) speaking the real wire format: form-encoded requests, HTTP Basic
 * auth checked per account, snake_case JSON replies, Twilio error bodies {@code {"code","message","more_info","status"}}.
 * It models accounts, their phone numbers, messages, conferences (with announcements and participants) and calls,
 * records every request, honours Twilio's magic test numbers (+15005550001 → 21211...) and can be scripted to
 * misbehave with {@link Fault}s. Binds 127.0.0.1 on a free port. Thread-safe.
 *
 * <p>Point twilio-java (through the adapter's settings) at {@link #baseUrl()}.
 */
public final class FakeTwilioApi implements AutoCloseable {
    private static final String API = "/2010-04-01/Accounts/";
    private static final Pattern ACCOUNT_PATH = Pattern.compile("^/2010-04-01/Accounts/([^/]+)(/.*)?$");
    private static final DateTimeFormatter RFC2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);
    /** Twilio's magic "To" numbers for test credentials and the error each one produces. */
    private static final Map<String, int[]> MAGIC_TO = Map.of(
            "+15005550001", new int[] {400, 21211},
            "+15005550002", new int[] {400, 21612},
            "+15005550003", new int[] {400, 21408},
            "+15005550004", new int[] {400, 21610},
            "+15005550009", new int[] {400, 21614});
    private static final Map<String, int[]> MAGIC_FROM = Map.of(
            "+15005550001", new int[] {400, 21212},
            "+15005550007", new int[] {400, 21606});

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY every reply waits ~40 ms for the
        // client's delayed ACK. Read once by the JDK when the first HttpServer starts in this JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final Object lock = new Object();

    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<AvailableNumber> available = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private final Map<Fault, Integer> used = new LinkedHashMap<>();

    private FakeTwilioApi(Clock clock) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-twilio");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on 127.0.0.1 and a free port, with the system clock (UTC). */
    public static FakeTwilioApi start() {
        return start(Clock.systemUTC());
    }

    public static FakeTwilioApi start(Clock clock) {
        try {
            return new FakeTwilioApi(clock);
        } catch (IOException e) {
            throw new IllegalStateException("fake Twilio API could not bind 127.0.0.1", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the value for the adapter's apiBaseUrl. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- accounts and live state

    /** An account (or subaccount) whose Account SID / auth token pair is accepted; again for the same SID rotates the token. */
    public void registerAccount(String accountSid, String authToken) {
        if (accountSid == null || !accountSid.matches("AC[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("'accountSid' must be AC + 32 hex digits, got '" + accountSid + "'");
        }
        if (authToken == null || authToken.isBlank()) {
            throw new IllegalArgumentException("'authToken' must not be blank");
        }
        synchronized (lock) {
            Account existing = accounts.get(accountSid);
            if (existing != null) {
                existing.token = authToken; // a rotated token: the old one stops working, the data stays
            } else {
                accounts.put(accountSid, new Account(accountSid, authToken));
            }
        }
    }

    /**
     * An alphanumeric sender ID registered on the account (Twilio: registered per country in the console). Messages
     * from an unregistered alphanumeric {@code From} are refused with 21212, as an invalid sender.
     */
    public void registerAlphanumericSender(String accountSid, String sender) {
        synchronized (lock) {
            account(accountSid).alphaSenders.add(sender);
        }
    }

    /**
     * A Messaging Service of the account; {@code alphaSender} (nullable) is its sender pool's alphanumeric sender, used
     * as {@code From} when a message names the service without a {@code From}.
     */
    public void addMessagingService(String accountSid, String serviceSid, String alphaSender) {
        synchronized (lock) {
            Account a = account(accountSid);
            a.services.put(serviceSid, alphaSender == null ? "" : alphaSender);
            if (alphaSender != null) {
                a.alphaSenders.add(alphaSender);
            }
        }
    }

    /**
     * A number the account owns. Once an account owns at least one number, messages and participants from any other
     * number are refused with 21606 as Twilio does; an account without numbers accepts any sender.
     */
    public String addIncomingNumber(String accountSid, String e164) {
        synchronized (lock) {
            FakeIncomingNumber n = new FakeIncomingNumber(sid("PN"), accountSid, e164, null, null, null, null, null);
            account(accountSid).numbers.put(e164, n);
            return n.sid();
        }
    }

    /** A number Twilio offers for purchase in {@code isoCountry} (voice and SMS capable). */
    public void addAvailableNumber(String isoCountry, String e164, String region, String locality) {
        synchronized (lock) {
            available.add(new AvailableNumber(isoCountry, e164, region, locality, true));
        }
    }

    /** A voice-only number on offer (as French local numbers typically are): a search with SmsEnabled=true skips it. */
    public void addVoiceOnlyAvailableNumber(String isoCountry, String e164, String region, String locality) {
        synchronized (lock) {
            available.add(new AvailableNumber(isoCountry, e164, region, locality, false));
        }
    }

    /** Numbers the account owns, in purchase order. */
    public List<FakeIncomingNumber> incomingNumbers(String accountSid) {
        synchronized (lock) {
            return List.copyOf(account(accountSid).numbers.values());
        }
    }

    /** A caller joined {@code friendlyName}: the conference is in progress. Returns its ConferenceSid. */
    public String startConference(String accountSid, String friendlyName) {
        synchronized (lock) {
            Account a = account(accountSid);
            // a conference the protected person's leg created (init) starts when the caller is in: the same conference
            Optional<FakeConference> waiting = a.conferences.stream()
                    .filter(x -> x.friendlyName.equals(friendlyName) && x.status.equals("init")).findFirst();
            if (waiting.isPresent()) {
                waiting.get().status = "in-progress";
                return waiting.get().sid;
            }
            FakeConference c = new FakeConference(sid("CF"), accountSid, friendlyName, "in-progress", now());
            a.conferences.add(c);
            return c.sid;
        }
    }

    /**
     * An existing call is in the conference {@code friendlyName} (in progress), e.g. the protected person's leg that the
     * ring step dialled in: participant requests addressed to its CallSid or label then find it.
     */
    public void joinConference(String accountSid, String friendlyName, String callSid, String label) {
        synchronized (lock) {
            Account a = account(accountSid);
            FakeConference c = a.conferences.stream()
                    .filter(x -> x.friendlyName.equals(friendlyName) && !x.status.equals("completed")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no live conference " + friendlyName));
            a.participants.add(new FakeParticipant(a.sid, c.sid, c.friendlyName, callSid, null, null, null, label, null, null,
                    Map.of(), List.of()));
        }
    }

    /** Every conference of that name on the account is completed. */
    public void endConference(String accountSid, String friendlyName) {
        synchronized (lock) {
            account(accountSid).conferences.stream().filter(c -> c.friendlyName.equals(friendlyName)).forEach(c -> c.status = "completed");
        }
    }

    /** A live (in-progress) call leg on the account; returns its CallSid. */
    public String startCall(String accountSid) {
        return startCall(accountSid, sid("CA"));
    }

    public String startCall(String accountSid, String callSid) {
        synchronized (lock) {
            account(accountSid).calls.put(callSid, new FakeCall(callSid, accountSid, "in-progress"));
            return callSid;
        }
    }

    // ---------------------------------------------------------------- observation

    /** Messages created on the account, oldest first. */
    public List<FakeMessage> messages(String accountSid) {
        synchronized (lock) {
            return account(accountSid).messages.stream().map(FakeMessage::snapshot).toList();
        }
    }

    /** Messages created on every account, oldest first. */
    public List<FakeMessage> messages() {
        synchronized (lock) {
            return accounts.values().stream().flatMap(a -> a.messages.stream()).map(FakeMessage::snapshot)
                    .sorted(Comparator.comparing(FakeMessage::dateCreated)).toList();
        }
    }

    /** AnnounceUrls set on one participant ({@code POST …/Participants/{label or CallSid}.json}). */
    public List<ParticipantAnnouncement> participantAnnouncements() {
        synchronized (lock) {
            return accounts.values().stream().flatMap(a -> a.participantAnnouncements.stream()).toList();
        }
    }

    /**
     * The estimated queue time (ms) every later participant creation answers with ({@code queue_time}): what Twilio
     * returns when the account's calls-per-second limit queues the call.
     */
    public void setParticipantQueueTime(long millis) {
        synchronized (lock) {
            participantQueueTimeMs = millis;
        }
    }

    /** A voice field of an owned number as Twilio would report it ({@code VoiceFallbackUrl}, {@code TrunkSid}…); null if unset. */
    public String numberVoiceField(String accountSid, String e164, String field) {
        synchronized (lock) {
            FakeIncomingNumber n = account(accountSid).numbers.get(e164);
            String v = n == null ? null : account(accountSid).numberVoice.getOrDefault(n.sid(), Map.of()).get(field);
            return v == null || v.isEmpty() ? null : v;
        }
    }

    /** Sets a voice field of an owned number behind our back (someone in the Console): reconciliation must notice. */
    public void setNumberVoiceField(String accountSid, String e164, String field, String value) {
        synchronized (lock) {
            FakeIncomingNumber n = account(accountSid).numbers.get(e164);
            account(accountSid).numberVoice.computeIfAbsent(n.sid(), k -> new LinkedHashMap<>()).put(field, value);
        }
    }

    public List<Announcement> announcements() {
        synchronized (lock) {
            return accounts.values().stream().flatMap(a -> a.announcements.stream()).toList();
        }
    }

    public List<FakeParticipant> participants() {
        synchronized (lock) {
            return accounts.values().stream().flatMap(a -> a.participants.stream()).toList();
        }
    }

    /** Calls given new TwiML (a caller diverted to a message or a voicemail), oldest first. */
    public List<CallRedirect> redirects() {
        synchronized (lock) {
            return accounts.values().stream().flatMap(a -> a.redirects.stream()).toList();
        }
    }

    /** Moves a call (e.g. a participant's leg: ringing, in-progress, completed) as Twilio would. */
    public void setCallStatus(String accountSid, String callSid, String status) {
        synchronized (lock) {
            FakeCall call = account(accountSid).calls.get(callSid);
            if (call == null) {
                throw new IllegalArgumentException("no call " + callSid);
            }
            call.status = status;
        }
    }

    public List<FakeCall> calls(String accountSid) {
        synchronized (lock) {
            return account(accountSid).calls.values().stream().map(FakeCall::snapshot).toList();
        }
    }

    public List<FakeCall> calls() {
        synchronized (lock) {
            return accounts.values().stream().flatMap(a -> a.calls.values().stream()).map(FakeCall::snapshot).toList();
        }
    }

    public List<FakeConference> conferences(String accountSid) {
        synchronized (lock) {
            return account(accountSid).conferences.stream().map(FakeConference::snapshot).toList();
        }
    }

    /** Every request received, in arrival order, including refused ones. */
    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    public List<RecordedRequest> requests(Predicate<RecordedRequest> filter) {
        return requests().stream().filter(filter).toList();
    }

    /** How many requests with that method and a path ending with {@code pathSuffix} arrived. */
    public long count(String method, String pathSuffix) {
        return requests(r -> r.method().equals(method) && r.path().endsWith(pathSuffix)).size();
    }

    // ---------------------------------------------------------------- faults

    /** Adds a scripted fault; faults are tried in the order injected, each for its number of matching requests. */
    public void inject(Fault fault) {
        synchronized (lock) {
            faults.add(fault);
        }
    }

    /** Forgets unused faults. */
    public void clearFaults() {
        synchronized (lock) {
            faults.clear();
            used.clear();
        }
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) {
        try {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            Map<String, List<String>> params = method.equals("GET") || method.equals("DELETE")
                    ? decode(exchange.getRequestURI().getRawQuery())
                    : decode(readBody(exchange.getRequestBody()));
            Matcher m = ACCOUNT_PATH.matcher(path);
            String pathAccount = m.matches() ? m.group(1) : null;
            String authUser = basicUser(exchange.getRequestHeaders().getFirst("Authorization"));

            Fault fault = takeFault(method, path, pathAccount);
            if (fault != null && !fault.delay.isZero()) {
                sleep(fault.delay);
            }
            Reply reply;
            if (fault != null && fault.status != 0 && !fault.afterProcessing) {
                reply = error(fault.status, fault.code, "Scripted failure (" + fault + ")");
            } else {
                reply = authenticate(exchange.getRequestHeaders().getFirst("Authorization"), pathAccount);
                if (reply == null) {
                    reply = route(method, path, pathAccount, params);
                }
                if (fault != null && fault.status != 0 && fault.afterProcessing) {
                    reply = error(fault.status, fault.code, "Scripted failure after processing (" + fault + ")");
                }
            }
            synchronized (lock) {
                requests.add(new RecordedRequest(method, path, pathAccount, authUser, params, reply.status, clock.instant()));
            }
            byte[] bytes = reply.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(reply.status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the client gave up (read timeout): nothing to answer to
        } finally {
            exchange.close();
        }
    }

    private Fault takeFault(String method, String path, String account) {
        synchronized (lock) {
            for (Fault f : faults) {
                if (f.matches(method, path, account)) {
                    int n = used.merge(f, 1, Integer::sum);
                    if (n >= f.times) {
                        faults.remove(f);
                        used.remove(f);
                    }
                    return f;
                }
            }
            return null;
        }
    }

    private Reply authenticate(String header, String pathAccount) {
        String[] userPass = basic(header);
        synchronized (lock) {
            Account a = userPass == null ? null : accounts.get(userPass[0]);
            if (a == null || !a.token.equals(userPass[1])) {
                return new Reply(401, Json.write(errorBody(401, 20003, "Authentication Error - invalid username")));
            }
            if (pathAccount != null && !pathAccount.equals(a.sid)) {
                // Twilio answers as if another account's resources did not exist
                return error(404, 20404, "The requested resource " + API + pathAccount + " was not found");
            }
            return null;
        }
    }

    private long participantQueueTimeMs;
    static final List<String> NUMBER_VOICE_FIELDS = List.of("VoiceFallbackUrl", "VoiceFallbackMethod", "VoiceApplicationSid", "TrunkSid");

    private Reply route(String method, String path, String account, Map<String, List<String>> p) {
        if (account == null) {
            return error(404, 20404, "The requested resource " + path + " was not found");
        }
        String rest = path.substring((API + account).length());
        synchronized (lock) {
            Account a = accounts.get(account);
            Matcher m;
            if (rest.equals("/Messages.json")) {
                return method.equals("POST") ? createMessage(a, p) : listMessages(a, p, path);
            }
            if (rest.equals("/Conferences.json") && method.equals("GET")) {
                return listConferences(a, p, path);
            }
            if ((m = Pattern.compile("^/Conferences/([^/]+)\\.json$").matcher(rest)).matches()) {
                return method.equals("POST") ? updateConference(a, m.group(1), p) : fetchConference(a, m.group(1));
            }
            if ((m = Pattern.compile("^/Conferences/([^/]+)/Participants\\.json$").matcher(rest)).matches() && method.equals("POST")) {
                return createParticipant(a, URLDecoder.decode(m.group(1), StandardCharsets.UTF_8), p);
            }
            if ((m = Pattern.compile("^/Conferences/(CF[0-9a-f]+)/Participants/([^/]+)\\.json$").matcher(rest)).matches()) {
                // the participant is named by its CallSid or by its URL-encoded label
                String who = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
                return method.equals("POST") ? updateParticipant(a, m.group(1), who, p) : fetchParticipant(a, m.group(1), who);
            }
            if ((m = Pattern.compile("^/Calls/([^/]+)\\.json$").matcher(rest)).matches() && method.equals("POST")) {
                return updateCall(a, m.group(1), p);
            }
            if ((m = Pattern.compile("^/Calls/([^/]+)\\.json$").matcher(rest)).matches() && method.equals("GET")) {
                return fetchCall(a, m.group(1));
            }
            if ((m = Pattern.compile("^/Calls/([^/]+)/Streams\\.json$").matcher(rest)).matches() && method.equals("POST")) {
                return createStream(a, m.group(1), p);
            }
            if ((m = Pattern.compile("^/AvailablePhoneNumbers/([A-Z]{2})/Local\\.json$").matcher(rest)).matches() && method.equals("GET")) {
                return searchAvailable(m.group(1), p, path);
            }
            if (rest.equals("/IncomingPhoneNumbers.json")) {
                return method.equals("POST") ? buyNumber(a, p) : listIncoming(a, p, path);
            }
            if ((m = Pattern.compile("^/IncomingPhoneNumbers/(PN[0-9a-f]+)\\.json$").matcher(rest)).matches() && method.equals("POST")) {
                return updateIncoming(a, m.group(1), p);
            }
            return error(404, 20404, "The requested resource " + path + " was not found");
        }
    }

    // ---------------------------------------------------------------- resources

    private Reply createMessage(Account a, Map<String, List<String>> p) {
        String to = first(p, "To");
        String from = first(p, "From");
        String body = first(p, "Body");
        if (to == null || !to.matches("\\+[1-9][0-9]{6,14}")) {
            return error(400, 21211, "The 'To' number " + to + " is not a valid phone number.");
        }
        if (MAGIC_TO.containsKey(to)) {
            int[] e = MAGIC_TO.get(to);
            return error(e[0], e[1], "The 'To' number " + to + " cannot receive this message (test number).");
        }
        // MessagingServiceSid "instead of or in addition to" From (error 21603); the service picks its pool's sender
        String service = first(p, "MessagingServiceSid");
        if (service != null && !a.services.containsKey(service)) {
            return error(404, 20404, "The requested resource /Services/" + service + " was not found");
        }
        if (from == null && service != null) {
            from = a.services.get(service).isEmpty() ? a.numbers.keySet().stream().findFirst().orElse(null) : a.services.get(service);
        }
        if (from == null || MAGIC_FROM.containsKey(from)) {
            int[] e = from == null ? new int[] {400, 21603} : MAGIC_FROM.get(from);
            return error(e[0], e[1], "The 'From' number " + from + " is not valid for this account.");
        }
        Integer validity = null;
        String validityText = first(p, "ValidityPeriod");
        if (validityText != null) {
            try {
                validity = Integer.valueOf(validityText);
            } catch (NumberFormatException e) {
                validity = -1;
            }
            if (validity < 1 || validity > 36_000) {
                return error(400, 90007, "Invalid validity period value: " + validityText);
            }
        }
        boolean alphanumeric = !from.startsWith("+");
        if (alphanumeric && !from.matches("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}")) {
            return error(400, 21212, "The 'From' number " + from + " is not a valid phone number, shortcode, or alphanumeric sender ID.");
        }
        if (alphanumeric && !a.alphaSenders.contains(from)) {
            return error(400, 21212, "The alphanumeric sender ID " + from + " is not registered for this account.");
        }
        if (!alphanumeric && !a.numbers.isEmpty() && !a.numbers.containsKey(from)) {
            return error(400, 21606, "The From phone number " + from + " is not a valid, SMS-capable inbound phone number or short code for your account.");
        }
        if (body == null || body.isEmpty()) {
            return error(400, 21602, "Message body is required.");
        }
        if (body.length() > 1600) {
            return error(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        FakeMessage msg = new FakeMessage(sid("SM"), a.sid, from, to, body, "queued", now(), null,
                service, validity, first(p, "StatusCallback"));
        a.messages.add(msg);
        return new Reply(201, Json.write(messageJson(msg)));
    }

    private Reply listMessages(Account a, Map<String, List<String>> p, String path) {
        String to = first(p, "To");
        String from = first(p, "From");
        Predicate<FakeMessage> filter = m -> (to == null || to.equals(m.to)) && (from == null || from.equals(m.from));
        // DateSent filters: a queued message has no date_sent and never matches one, as at Twilio
        for (String key : List.of("DateSent", "DateSent>", "DateSent<", "DateSent>=", "DateSent<=")) {
            String v = first(p, key);
            if (v != null) {
                Instant bound = parseQueryDate(v);
                Predicate<Instant> cmp = switch (key) {
                    case "DateSent" -> i -> LocalDate.ofInstant(i, ZoneOffset.UTC).equals(LocalDate.ofInstant(bound, ZoneOffset.UTC));
                    case "DateSent>", "DateSent>=" -> i -> !i.isBefore(bound);
                    default -> i -> !i.isAfter(bound);
                };
                filter = filter.and(m -> m.dateSent != null && cmp.test(m.dateSent));
            }
        }
        List<Object> items = new ArrayList<>();
        a.messages.stream().filter(filter)
                .sorted(Comparator.comparing((FakeMessage m) -> m.dateCreated).reversed())
                .limit(pageSize(p))
                .forEach(m -> items.add(messageJson(m)));
        return page("messages", items, p, path);
    }

    private Reply listConferences(Account a, Map<String, List<String>> p, String path) {
        String name = first(p, "FriendlyName");
        String status = first(p, "Status");
        List<Object> items = new ArrayList<>();
        a.conferences.stream()
                .filter(c -> name == null || name.equals(c.friendlyName))
                .filter(c -> status == null || status.equals(c.status))
                .limit(pageSize(p))
                .forEach(c -> items.add(conferenceJson(c)));
        return page("conferences", items, p, path);
    }

    private Reply fetchConference(Account a, String sid) {
        return a.conferences.stream().filter(c -> c.sid.equals(sid)).findFirst()
                .map(c -> new Reply(200, Json.write(conferenceJson(c))))
                .orElseGet(() -> notFound(a, "/Conferences/" + sid + ".json"));
    }

    private Reply updateConference(Account a, String sid, Map<String, List<String>> p) {
        Optional<FakeConference> found = a.conferences.stream().filter(c -> c.sid.equals(sid)).findFirst();
        if (found.isEmpty()) {
            return notFound(a, "/Conferences/" + sid + ".json");
        }
        FakeConference c = found.get();
        if (c.status.equals("completed")) {
            // [U] exact code unverified; Twilio refuses to act on a finished conference
            return error(404, 20404, "Conference " + sid + " is not in progress.");
        }
        String announceUrl = first(p, "AnnounceUrl");
        if (announceUrl != null) {
            a.announcements.add(new Announcement(a.sid, c.sid, c.friendlyName, URI.create(announceUrl),
                    Optional.ofNullable(first(p, "AnnounceMethod")).orElse("POST"), clock.instant()));
        }
        if ("completed".equals(first(p, "Status"))) {
            c.status = "completed";
        }
        return new Reply(200, Json.write(conferenceJson(c)));
    }

    private Reply createParticipant(Account a, String sidOrName, Map<String, List<String>> p) {
        String from = first(p, "From");
        String to = first(p, "To");
        if (from == null || to == null) {
            return error(400, 21604, "'From' and 'To' are required.");
        }
        // Calling a SIP address, From is only the user part of the SIP From / P-Asserted-Identity: no verification.
        boolean sip = to.startsWith("sip:");
        if (!sip && !a.numbers.isEmpty() && !a.numbers.containsKey(from)) {
            return error(400, 21210, "The source phone number provided, " + from + ", is not yet verified for your account.");
        }
        FakeConference c = a.conferences.stream()
                .filter(x -> x.sid.equals(sidOrName) || (x.friendlyName.equals(sidOrName) && !x.status.equals("completed")))
                .findFirst().orElse(null);
        if (c == null) {
            if (sidOrName.startsWith("CF")) {
                return notFound(a, "/Conferences/" + sidOrName + "/Participants.json");
            }
            c = new FakeConference(sid("CF"), a.sid, sidOrName, "init", now()); // Twilio creates it on demand
            a.conferences.add(c);
        }
        String callSid = sid("CA");
        a.calls.put(callSid, new FakeCall(callSid, a.sid, "queued"));
        FakeParticipant participant = new FakeParticipant(a.sid, c.sid, c.friendlyName, callSid, from, to,
                first(p, "CallerId"), first(p, "Label"), first(p, "Beep"), first(p, "EndConferenceOnExit"), Map.copyOf(flatten(p)),
                List.copyOf(p.getOrDefault("StatusCallbackEvent", List.of())));
        a.participants.add(participant);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("account_sid", a.sid);
        json.put("call_sid", callSid);
        json.put("conference_sid", c.sid);
        json.put("label", participant.label());
        json.put("status", "queued");
        json.put("muted", false);
        json.put("hold", false);
        json.put("coaching", false);
        json.put("end_conference_on_exit", "true".equals(participant.endConferenceOnExit()));
        json.put("start_conference_on_enter", true);
        json.put("date_created", rfc2822(clock.instant()));
        json.put("date_updated", rfc2822(clock.instant()));
        json.put("queue_time", Long.toString(participantQueueTimeMs));
        json.put("uri", API + a.sid + "/Conferences/" + c.sid + "/Participants/" + callSid + ".json");
        return new Reply(201, Json.write(json));
    }

    private Optional<FakeParticipant> participant(Account a, String conferenceSid, String callSidOrLabel) {
        boolean live = a.conferences.stream().anyMatch(c -> c.sid.equals(conferenceSid) && !c.status.equals("completed"));
        if (!live) {
            return Optional.empty(); // Twilio lists participants of conferences that are not completed only
        }
        return a.participants.stream()
                .filter(x -> x.conferenceSid().equals(conferenceSid))
                .filter(x -> x.callSid().equals(callSidOrLabel) || callSidOrLabel.equals(x.label()))
                .filter(x -> { FakeCall call = a.calls.get(x.callSid()); return call == null || !List.of("completed", "canceled",
                        "failed", "busy", "no-answer").contains(call.status); })
                .reduce((first, second) -> second);
    }

    private Reply fetchParticipant(Account a, String conferenceSid, String who) {
        return participant(a, conferenceSid, who)
                .map(x -> new Reply(200, Json.write(participantJson(a, x))))
                .orElseGet(() -> notFound(a, "/Conferences/" + conferenceSid + "/Participants/" + who + ".json"));
    }

    private Reply updateParticipant(Account a, String conferenceSid, String who, Map<String, List<String>> p) {
        Optional<FakeParticipant> x = participant(a, conferenceSid, who);
        if (x.isEmpty()) {
            return notFound(a, "/Conferences/" + conferenceSid + "/Participants/" + who + ".json");
        }
        String announceUrl = first(p, "AnnounceUrl");
        if (announceUrl != null) {
            a.participantAnnouncements.add(new ParticipantAnnouncement(a.sid, conferenceSid, x.get().conferenceName(), who, x.get().callSid(),
                    URI.create(announceUrl), Optional.ofNullable(first(p, "AnnounceMethod")).orElse("POST"), clock.instant()));
        }
        return new Reply(200, Json.write(participantJson(a, x.get())));
    }

    private Map<String, Object> participantJson(Account a, FakeParticipant x) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("account_sid", a.sid);
        json.put("call_sid", x.callSid());
        json.put("conference_sid", x.conferenceSid());
        json.put("label", x.label());
        FakeCall call = a.calls.get(x.callSid());
        json.put("status", call != null && call.status.equals("in-progress") ? "connected" : "ringing");
        json.put("muted", false);
        json.put("hold", false);
        json.put("coaching", false);
        json.put("end_conference_on_exit", "true".equals(x.endConferenceOnExit()));
        json.put("start_conference_on_enter", true);
        json.put("date_created", rfc2822(clock.instant()));
        json.put("date_updated", rfc2822(clock.instant()));
        json.put("uri", API + a.sid + "/Conferences/" + x.conferenceSid() + "/Participants/" + x.callSid() + ".json");
        return json;
    }

    private Reply fetchCall(Account a, String callSid) {
        FakeCall call = a.calls.get(callSid);
        if (call == null) {
            return notFound(a, "/Calls/" + callSid + ".json");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sid", call.sid);
        json.put("account_sid", a.sid);
        json.put("status", call.status);
        json.put("date_updated", rfc2822(clock.instant()));
        json.put("uri", API + a.sid + "/Calls/" + call.sid + ".json");
        return new Reply(200, Json.write(json));
    }

    /** [D] REST Stream resource: a live call only (21220 otherwise); Url wss only; ParameterN.Name/Value pairs. */
    private Reply createStream(Account a, String callSid, Map<String, List<String>> p) {
        FakeCall call = a.calls.get(callSid);
        if (call == null) {
            return notFound(a, "/Calls/" + callSid + "/Streams.json");
        }
        if (!call.status.equals("in-progress") && !call.status.equals("ringing") && !call.status.equals("queued")) {
            return error(400, 21220, "Call is not in-progress. Cannot create stream.");
        }
        String url = first(p, "Url");
        if (url == null || !url.startsWith("wss://") && !url.startsWith("ws://")) {
            return error(400, 21201, "Url must be a wss:// URL");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i <= 99; i++) {
            String name = first(p, "Parameter" + i + ".Name");
            if (name != null) {
                parameters.put(name, first(p, "Parameter" + i + ".Value"));
            }
        }
        FakeStream stream = new FakeStream(a.sid, callSid, sid("MZ"), URI.create(url), first(p, "Track"),
                Map.copyOf(parameters), first(p, "StatusCallback"), clock.instant());
        a.streams.add(stream);
        for (java.util.function.Consumer<FakeStream> l : streamListeners) {
            executor.execute(() -> l.accept(stream)); // off the request thread, as Twilio connects after answering
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sid", stream.sid());
        json.put("account_sid", a.sid);
        json.put("call_sid", callSid);
        json.put("name", null);
        json.put("status", "in-progress");
        json.put("date_updated", rfc2822(clock.instant()));
        json.put("uri", API + a.sid + "/Calls/" + callSid + "/Streams/" + stream.sid() + ".json");
        return new Reply(201, Json.write(json));
    }

    /** Streams created through the REST Stream resource, oldest first. */
    public List<FakeStream> streams() {
        synchronized (lock) {
            return accounts.values().stream().flatMap(x -> x.streams.stream()).toList();
        }
    }

    /** Told (on a server thread, after the reply) of each stream created: a test connects the media socket there. */
    public void onStreamCreated(java.util.function.Consumer<FakeStream> listener) {
        streamListeners.add(listener);
    }

    private final List<java.util.function.Consumer<FakeStream>> streamListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A stream created on a call: where Twilio would connect and what its start would carry. */
    public record FakeStream(String accountSid, String callSid, String sid, URI url, String track,
                             Map<String, String> parameters, String statusCallback, Instant at) {
    }

    private Reply updateCall(Account a, String callSid, Map<String, List<String>> p) {
        FakeCall call = a.calls.get(callSid);
        if (call == null) {
            return notFound(a, "/Calls/" + callSid + ".json");
        }
        String status = first(p, "Status");
        boolean over = call.status.equals("completed") || call.status.equals("canceled");
        if (status != null && (status.equals("completed") || status.equals("canceled"))) {
            if (over) {
                // [U] what Twilio answers to ending an ended call: modelled as 21220 "invalid call state"
                return error(400, 21220, "Call is not in-progress. Cannot redirect.");
            }
            if (status.equals("completed")) {
                call.status = "completed";
            } else if (call.status.equals("queued") || call.status.equals("ringing")) {
                call.status = "canceled"; // [D] canceled only ends a queued or ringing call; an answered one goes on
            }
        }
        String twiml = first(p, "Twiml");
        if (twiml != null) {
            if (over) {
                return error(400, 21220, "Call is not in-progress. Cannot redirect.");
            }
            a.redirects.add(new CallRedirect(a.sid, callSid, twiml, clock.instant()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sid", call.sid);
        json.put("account_sid", a.sid);
        json.put("status", call.status);
        json.put("date_updated", rfc2822(clock.instant()));
        json.put("uri", API + a.sid + "/Calls/" + call.sid + ".json");
        return new Reply(200, Json.write(json));
    }

    private Reply searchAvailable(String country, Map<String, List<String>> p, String path) {
        String region = first(p, "InRegion");
        List<Object> items = new ArrayList<>();
        available.stream()
                .filter(n -> n.isoCountry().equals(country))
                .filter(n -> region == null || region.equalsIgnoreCase(n.region()))
                .filter(n -> n.sms() || !"true".equals(first(p, "SmsEnabled")))
                .limit(pageSize(p))
                .forEach(n -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("friendly_name", n.e164());
                    json.put("phone_number", n.e164());
                    json.put("lata", null);
                    json.put("locality", n.locality());
                    json.put("rate_center", null);
                    json.put("latitude", null);
                    json.put("longitude", null);
                    json.put("region", n.region());
                    json.put("postal_code", null);
                    json.put("iso_country", n.isoCountry());
                    json.put("address_requirements", "local");
                    json.put("beta", false);
                    json.put("capabilities", Map.of("voice", true, "SMS", n.sms(), "MMS", false, "fax", false));
                    items.add(json);
                });
        return page("available_phone_numbers", items, p, path);
    }

    private Reply buyNumber(Account a, Map<String, List<String>> p) {
        String number = first(p, "PhoneNumber");
        Optional<AvailableNumber> offer = available.stream().filter(n -> n.e164().equals(number)).findFirst();
        if (offer.isEmpty()) {
            return error(400, 21422, "PhoneNumber " + number + " requested is not available.");
        }
        available.remove(offer.get());
        FakeIncomingNumber n = new FakeIncomingNumber(sid("PN"), a.sid, number, first(p, "VoiceUrl"), first(p, "StatusCallback"),
                first(p, "SmsUrl"), first(p, "BundleSid"), first(p, "AddressSid"));
        a.numbers.put(number, n);
        keepVoiceFields(a, n.sid(), p);
        return new Reply(201, Json.write(incomingJson(n)));
    }

    private Reply listIncoming(Account a, Map<String, List<String>> p, String path) {
        String number = first(p, "PhoneNumber");
        List<FakeIncomingNumber> all = a.numbers.values().stream().filter(n -> number == null || number.equals(n.e164())).toList();
        int size = (int) pageSize(p);
        int pageNo = first(p, "Page") == null ? 0 : Integer.parseInt(first(p, "Page"));
        List<Object> items = new ArrayList<>();
        all.stream().skip((long) pageNo * size).limit(size).forEach(n -> items.add(incomingJson(n)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("incoming_phone_numbers", items);
        json.put("page", pageNo);
        json.put("page_size", size);
        json.put("start", pageNo * size);
        json.put("end", pageNo * size + Math.max(0, items.size() - 1));
        json.put("uri", path + "?PageSize=" + size + "&Page=" + pageNo);
        json.put("first_page_uri", path + "?PageSize=" + size + "&Page=0");
        json.put("previous_page_uri", pageNo == 0 ? null : path + "?PageSize=" + size + "&Page=" + (pageNo - 1));
        json.put("next_page_uri", (long) (pageNo + 1) * size < all.size() ? path + "?PageSize=" + size + "&Page=" + (pageNo + 1) : null);
        return new Reply(200, Json.write(json));
    }

    private Reply updateIncoming(Account a, String sid, Map<String, List<String>> p) {
        Optional<FakeIncomingNumber> found = a.numbers.values().stream().filter(n -> n.sid().equals(sid)).findFirst();
        if (found.isEmpty()) {
            return notFound(a, "/IncomingPhoneNumbers/" + sid + ".json");
        }
        FakeIncomingNumber old = found.get();
        FakeIncomingNumber updated = new FakeIncomingNumber(old.sid(), old.accountSid(), old.e164(),
                p.containsKey("VoiceUrl") ? first(p, "VoiceUrl") : old.voiceUrl(),
                p.containsKey("StatusCallback") ? first(p, "StatusCallback") : old.statusCallback(),
                p.containsKey("SmsUrl") ? first(p, "SmsUrl") : old.smsUrl(), old.bundleSid(), old.addressSid());
        a.numbers.put(old.e164(), updated);
        keepVoiceFields(a, old.sid(), p);
        return new Reply(200, Json.write(incomingJson(updated)));
    }

    private static void keepVoiceFields(Account a, String numberSid, Map<String, List<String>> p) {
        Map<String, String> fields = a.numberVoice.computeIfAbsent(numberSid, k -> new LinkedHashMap<>());
        for (String f : NUMBER_VOICE_FIELDS) {
            if (p.containsKey(f)) {
                fields.put(f, first(p, f)); // an empty value clears it, as at Twilio
            }
        }
    }

    // ---------------------------------------------------------------- JSON shapes

    private Map<String, Object> incomingJson(FakeIncomingNumber n) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sid", n.sid());
        json.put("account_sid", n.accountSid());
        json.put("phone_number", n.e164());
        json.put("friendly_name", n.e164());
        json.put("voice_url", n.voiceUrl() == null ? "" : n.voiceUrl());
        json.put("voice_method", "POST");
        json.put("status_callback", n.statusCallback() == null ? "" : n.statusCallback());
        json.put("status_callback_method", "POST");
        json.put("sms_url", n.smsUrl() == null ? "" : n.smsUrl());
        Map<String, String> voice = accounts.get(n.accountSid()).numberVoice.getOrDefault(n.sid(), Map.of());
        json.put("voice_fallback_url", voice.getOrDefault("VoiceFallbackUrl", ""));
        json.put("voice_fallback_method", voice.getOrDefault("VoiceFallbackMethod", "POST"));
        String app = voice.get("VoiceApplicationSid");
        json.put("voice_application_sid", app == null || app.isEmpty() ? null : app);
        String trunk = voice.get("TrunkSid");
        json.put("trunk_sid", trunk == null || trunk.isEmpty() ? null : trunk);
        json.put("sms_method", "POST");
        json.put("bundle_sid", n.bundleSid());
        json.put("address_sid", n.addressSid());
        json.put("capabilities", Map.of("voice", true, "SMS", true, "MMS", false, "fax", false));
        json.put("status", "in-use");
        json.put("origin", "twilio");
        json.put("api_version", "2010-04-01");
        json.put("date_created", rfc2822(clock.instant()));
        json.put("date_updated", rfc2822(clock.instant()));
        json.put("uri", API + n.accountSid() + "/IncomingPhoneNumbers/" + n.sid() + ".json");
        return json;
    }

    private Map<String, Object> messageJson(FakeMessage m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sid", m.sid);
        json.put("account_sid", m.accountSid);
        json.put("api_version", "2010-04-01");
        json.put("body", m.body);
        json.put("date_created", rfc2822(m.dateCreated));
        json.put("date_sent", m.dateSent == null ? null : rfc2822(m.dateSent));
        json.put("date_updated", rfc2822(m.dateCreated));
        json.put("direction", "outbound-api");
        json.put("error_code", null);
        json.put("error_message", null);
        json.put("from", m.from);
        json.put("messaging_service_sid", m.messagingServiceSid);
        json.put("num_media", "0");
        json.put("num_segments", "1");
        json.put("price", null);
        json.put("price_unit", "USD");
        json.put("status", m.status);
        json.put("subresource_uris", Map.of("media", API + m.accountSid + "/Messages/" + m.sid + "/Media.json"));
        json.put("to", m.to);
        json.put("uri", API + m.accountSid + "/Messages/" + m.sid + ".json");
        return json;
    }

    private Map<String, Object> conferenceJson(FakeConference c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sid", c.sid);
        json.put("account_sid", c.accountSid);
        json.put("friendly_name", c.friendlyName);
        json.put("status", c.status);
        json.put("region", "ie1");
        json.put("api_version", "2010-04-01");
        json.put("date_created", rfc2822(c.dateCreated));
        json.put("date_updated", rfc2822(c.dateCreated));
        json.put("reason_conference_ended", null);
        json.put("call_sid_ending_conference", null);
        json.put("uri", API + c.accountSid + "/Conferences/" + c.sid + ".json");
        json.put("subresource_uris", Map.of("participants", API + c.accountSid + "/Conferences/" + c.sid + "/Participants.json"));
        return json;
    }

    private static Reply page(String key, List<Object> items, Map<String, List<String>> p, String path) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(key, items);
        json.put("end", Math.max(0, items.size() - 1));
        json.put("first_page_uri", path + "?PageSize=" + pageSize(p) + "&Page=0");
        json.put("next_page_uri", null);
        json.put("previous_page_uri", null);
        json.put("page", 0);
        json.put("page_size", pageSize(p));
        json.put("start", 0);
        json.put("uri", path + "?PageSize=" + pageSize(p) + "&Page=0");
        return new Reply(200, Json.write(json));
    }

    private static Reply error(int status, int code, String message) {
        return new Reply(status, Json.write(errorBody(status, code, message)));
    }

    private static Map<String, Object> errorBody(int status, int code, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code);
        json.put("message", message);
        json.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        json.put("status", status);
        return json;
    }

    private static Reply notFound(Account a, String rest) {
        return error(404, 20404, "The requested resource " + API + a.sid + rest + " was not found");
    }

    // ---------------------------------------------------------------- helpers

    private Account account(String sid) {
        Account a = accounts.get(sid);
        if (a == null) {
            throw new IllegalArgumentException("account " + sid + " is not registered with the fake");
        }
        return a;
    }

    private Instant now() {
        return clock.instant();
    }

    private static String sid(String prefix) {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    private static String rfc2822(Instant i) {
        return RFC2822.format(i.atZone(ZoneOffset.UTC));
    }

    private static Instant parseQueryDate(String v) {
        return v.length() == 10
                ? LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC)
                : LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
    }

    private static long pageSize(Map<String, List<String>> p) {
        String v = first(p, "PageSize");
        return v == null ? 50 : Math.max(1, Math.min(1000, Long.parseLong(v)));
    }

    private static String first(Map<String, List<String>> p, String key) {
        List<String> v = p.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static Map<String, String> flatten(Map<String, List<String>> p) {
        Map<String, String> out = new LinkedHashMap<>();
        p.forEach((k, v) -> out.put(k, v.isEmpty() ? "" : v.get(0)));
        return out;
    }

    private static Map<String, List<String>> decode(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static String readBody(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String[] basic(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String basicUser(String header) {
        String[] up = basic(header);
        return up == null ? null : up[0];
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- model

    private static final class Account {
        final String sid;
        volatile String token;
        final Map<String, FakeIncomingNumber> numbers = new LinkedHashMap<>();
        final java.util.Set<String> alphaSenders = new java.util.HashSet<>();
        final Map<String, String> services = new LinkedHashMap<>();
        final List<FakeMessage> messages = new ArrayList<>();
        final List<FakeConference> conferences = new ArrayList<>();
        final List<FakeParticipant> participants = new ArrayList<>();
        final List<Announcement> announcements = new ArrayList<>();
        final List<ParticipantAnnouncement> participantAnnouncements = new ArrayList<>();
        /** Voice fields of owned numbers not in {@link FakeIncomingNumber}: VoiceFallbackUrl, VoiceApplicationSid, TrunkSid… */
        final Map<String, Map<String, String>> numberVoice = new LinkedHashMap<>();
        final Map<String, FakeCall> calls = new LinkedHashMap<>();
        final List<CallRedirect> redirects = new ArrayList<>();
        final List<FakeStream> streams = new ArrayList<>();

        Account(String sid, String token) {
            this.sid = sid;
            this.token = token;
        }
    }

    private record Reply(int status, String body) {
    }

    /** One HTTP request as received: {@code params} are the query (GET) or form body (POST), decoded. */
    public record RecordedRequest(String method, String path, String pathAccount, String authUser,
                                  Map<String, List<String>> params, int status, Instant at) {
        public String param(String name) {
            return first(params, name);
        }
    }

    /** A message as Twilio stored it; queued messages have no {@code dateSent}, as at Twilio. */
    public static final class FakeMessage {
        private final String sid;
        private final String accountSid;
        private final String from;
        private final String to;
        private final String body;
        private final String status;
        private final Instant dateCreated;
        private final Instant dateSent;
        private final String messagingServiceSid;
        private final Integer validityPeriod;
        private final String statusCallback;

        FakeMessage(String sid, String accountSid, String from, String to, String body, String status, Instant dateCreated, Instant dateSent,
                    String messagingServiceSid, Integer validityPeriod, String statusCallback) {
            this.messagingServiceSid = messagingServiceSid;
            this.validityPeriod = validityPeriod;
            this.statusCallback = statusCallback;
            this.sid = sid;
            this.accountSid = accountSid;
            this.from = from;
            this.to = to;
            this.body = body;
            this.status = status;
            this.dateCreated = dateCreated;
            this.dateSent = dateSent;
        }

        FakeMessage snapshot() {
            return this;
        }

        public String sid() {
            return sid;
        }

        public String accountSid() {
            return accountSid;
        }

        public String from() {
            return from;
        }

        public String to() {
            return to;
        }

        public String body() {
            return body;
        }

        public String status() {
            return status;
        }

        public Instant dateCreated() {
            return dateCreated;
        }

        public Optional<Instant> dateSent() {
            return Optional.ofNullable(dateSent);
        }

        /** {@code MessagingServiceSid} of the request, if any. */
        public Optional<String> messagingServiceSid() {
            return Optional.ofNullable(messagingServiceSid);
        }

        /** {@code ValidityPeriod} in seconds, if the request set one (Twilio's default is 36000). */
        public Optional<Integer> validityPeriod() {
            return Optional.ofNullable(validityPeriod);
        }

        /** {@code StatusCallback} URL of the request, if any. */
        public Optional<String> statusCallback() {
            return Optional.ofNullable(statusCallback);
        }

        @Override
        public String toString() {
            return "FakeMessage[" + sid + " " + accountSid + " " + status + "]";
        }
    }

    /** A conference; the snapshot returned to tests is a copy. */
    public static final class FakeConference {
        private final String sid;
        private final String accountSid;
        private final String friendlyName;
        private final Instant dateCreated;
        private volatile String status;

        FakeConference(String sid, String accountSid, String friendlyName, String status, Instant dateCreated) {
            this.sid = sid;
            this.accountSid = accountSid;
            this.friendlyName = friendlyName;
            this.status = status;
            this.dateCreated = dateCreated;
        }

        FakeConference snapshot() {
            return new FakeConference(sid, accountSid, friendlyName, status, dateCreated);
        }

        public String sid() {
            return sid;
        }

        public String accountSid() {
            return accountSid;
        }

        public String friendlyName() {
            return friendlyName;
        }

        public String status() {
            return status;
        }
    }

    /** A call leg; the snapshot returned to tests is a copy. */
    public static final class FakeCall {
        private final String sid;
        private final String accountSid;
        private volatile String status;

        FakeCall(String sid, String accountSid, String status) {
            this.sid = sid;
            this.accountSid = accountSid;
            this.status = status;
        }

        FakeCall snapshot() {
            return new FakeCall(sid, accountSid, status);
        }

        public String sid() {
            return sid;
        }

        public String accountSid() {
            return accountSid;
        }

        public String status() {
            return status;
        }
    }

    /** A participant added through the REST API, with every form field it was created with. */
    public record FakeParticipant(String accountSid, String conferenceSid, String conferenceName, String callSid,
                                  String from, String to, String callerId, String label, String beep,
                                  String endConferenceOnExit, Map<String, String> fields, List<String> statusCallbackEvents) {
    }

    /** New TwiML given to a live call ({@code Twiml} of a call update): the caller taken out of the conference. */
    public record CallRedirect(String accountSid, String callSid, String twiml, Instant at) {
    }

    /** A number an account owns; webhook URLs are null (or empty after a reset) when not set. */
    public record FakeIncomingNumber(String sid, String accountSid, String e164, String voiceUrl, String statusCallback,
                                     String smsUrl, String bundleSid, String addressSid) {
    }

    private record AvailableNumber(String isoCountry, String e164, String region, String locality, boolean sms) {
    }

    /** An AnnounceUrl set on one participant, named by {@code addressedAs} (its label or CallSid). */
    public record ParticipantAnnouncement(String accountSid, String conferenceSid, String conferenceName, String addressedAs, String callSid,
                                          URI announceUrl, String announceMethod, Instant at) {
        public String query(String name) {
            return first(decode(announceUrl.getRawQuery()), name);
        }
    }

    /** An AnnounceUrl set on a conference. */
    public record Announcement(String accountSid, String conferenceSid, String conferenceName, URI announceUrl,
                               String announceMethod, Instant at) {
        /** A query parameter of the AnnounceUrl, decoded. */
        public String query(String name) {
            return first(decode(announceUrl.getRawQuery()), name);
        }
    }
}
