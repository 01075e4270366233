package com.ethiq.app.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Plays one phone call against a running Ethiq server exactly as Twilio would: the signed incoming-call webhook, the
 * TwiML answer parsed for its {@code <Stream>} and {@code <Conference>}, signed stream and conference status callbacks,
 * the media WebSocket (signed upgrade, {@code connected}, {@code start} with the stream's parameters, 20 ms mu-law
 * frames on both tracks at real pace, {@code stop}), the final call status — and, because speech is simulated, each
 * scripted turn handed to the server's {@code /sim/speech} endpoint when that turn begins, so the recogniser hears it
 * from the audio that follows. Then it asks {@code /sim/calls/{sid}} what happened. One instance per call; the
 * {@link HttpClient} and scheduler may be shared by many concurrent calls.
 */
public final class CallSimulator {
    static final int FRAME_BYTES = 160;
    static final long FRAME_MILLIS = 20;
    /** Twilio gives a webhook 15 s before it gives up; the simulator waits as long for every request. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who to call and with which Twilio account (the tenant's: its webhooks are signed with that auth token). */
    public record Target(URI baseUrl, String accountSid, String authToken, String tenantNumber, String callerNumber) {
        public Target {
            Objects.requireNonNull(baseUrl, "'baseUrl' must not be null");
            if (accountSid == null || !accountSid.matches("AC[0-9a-fA-F]{32}")) {
                throw new IllegalArgumentException("'accountSid' must be AC + 32 hex digits");
            }
            if (authToken == null || authToken.isBlank()) {
                throw new IllegalArgumentException("'authToken' must not be blank");
            }
            if (tenantNumber == null || !tenantNumber.matches("\\+[1-9][0-9]{6,14}")) {
                throw new IllegalArgumentException("'tenantNumber' must be E.164, got '" + tenantNumber + "'");
            }
            if (callerNumber == null || !callerNumber.matches("\\+[1-9][0-9]{6,14}")) {
                throw new IllegalArgumentException("'callerNumber' must be E.164, got '" + callerNumber + "'");
            }
            String s = baseUrl.toString();
            baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        }
    }

    /** Pacing knobs: pause between turns, silence kept after the last turn, how long to wait for alerts to settle. */
    public record Pacing(Duration gapBetweenTurns, Duration tail, Duration settle) {
        public static final Pacing DEFAULT = new Pacing(Duration.ofMillis(600), Duration.ofMillis(1500), Duration.ofSeconds(8));
    }

    /** When a turn was handed to the recogniser, relative to the start of the media stream. */
    public record TurnTiming(int index, String track, long startedMs, long audioNeededMs) {
    }

    /** Everything the simulator saw for one call. {@code report} is the server's answer from {@code /sim/calls}. */
    public record Outcome(String callSid, CallScript script, int webhookStatus, long webhookMillis, long connectMillis,
                          long mediaMillis, int framesSent, List<TurnTiming> turns, String closedBy, JsonNode report,
                          String error, List<String> heard) {
        public boolean ok() {
            return error == null;
        }

        public String verdict() {
            return report == null ? "?" : report.path("verdict").asText("?");
        }

        public boolean fraudDetected() {
            return report != null && report.path("fraudDetected").asBoolean(false);
        }
    }

    /**
     * What the protected person's phone does, as Twilio reports it on the participant's StatusCallback: the final
     * {@code CallStatus} word of the leg ({@code in-progress} when answered).
     */
    public enum Pickup {
        ANSWER("in-progress"), NO_ANSWER("no-answer"), BUSY("busy"), UNREACHABLE("failed"), CALLER_HANGS_UP(null);

        final String legStatus;

        Pickup(String legStatus) {
            this.legStatus = legStatus;
        }
    }

    private final Target target;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Pacing pacing;
    private final Pickup pickup;

    public CallSimulator(Target target, HttpClient http, ScheduledExecutorService scheduler, Pacing pacing) {
        this(target, http, scheduler, pacing, Pickup.ANSWER);
    }

    public CallSimulator(Target target, HttpClient http, ScheduledExecutorService scheduler, Pacing pacing, Pickup pickup) {
        this.target = Objects.requireNonNull(target, "'target' must not be null");
        this.http = Objects.requireNonNull(http, "'http' must not be null");
        this.scheduler = Objects.requireNonNull(scheduler, "'scheduler' must not be null");
        this.pacing = Objects.requireNonNull(pacing, "'pacing' must not be null");
        this.pickup = Objects.requireNonNull(pickup, "'pickup' must not be null");
    }

    /** A new Twilio-shaped CallSid ({@code CA} + 32 hex digits). */
    public static String newSid(String prefix) {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    /** Plays the script to the end and reports; never throws for a server-side problem (it is in {@link Outcome#error}). */
    public Outcome run(CallScript script) {
        String callSid = newSid("CA");
        long t0 = System.nanoTime();
        HttpResponse<String> answer;
        try {
            answer = postForm("/twilio/voice", Map.of(
                    "AccountSid", target.accountSid(), "ApiVersion", "2010-04-01", "CallSid", callSid,
                    "CallStatus", "ringing", "Called", target.tenantNumber(), "Caller", target.callerNumber(),
                    "Direction", "inbound", "From", target.callerNumber(), "To", target.tenantNumber()));
        } catch (Exception e) {
            return failed(callSid, script, 0, t0, "incoming-call webhook failed: " + e);
        }
        long webhookMillis = millisSince(t0);
        if (answer.statusCode() != 200) {
            return failed(callSid, script, answer.statusCode(), t0, "incoming-call webhook answered " + answer.statusCode());
        }
        Twiml twiml;
        try {
            twiml = Twiml.parse(answer.body());
        } catch (RuntimeException e) {
            return failed(callSid, script, 200, t0, "unexpected TwiML: " + e.getMessage());
        }
        if (twiml.streamUrl() == null) {
            return failed(callSid, script, 200, t0, "the call was not protected (no <Stream> in the answer): " + twiml.summary());
        }
        List<String> heard = new ArrayList<>();
        heard.add(ringback(twiml, callSid));
        String leg = protectedLeg(callSid);
        String legCallback = target.baseUrl() + "/twilio/participant-status?tenant=" + enc(twiml.parameters().getOrDefault("tenantId", ""))
                + "&call=" + callSid;
        callback(legCallback, legStatus(leg, "initiated"));
        callback(legCallback, legStatus(leg, "ringing"));
        if (pickup != Pickup.ANSWER) {
            return notAnswered(callSid, script, webhookMillis, twiml, leg, legCallback, heard);
        }
        callback(legCallback, legStatus(leg, pickup.legStatus));
        String streamSid = newSid("MZ");
        String conferenceSid = newSid("CF");
        callback(twiml.conferenceCallback(), Map.of("AccountSid", target.accountSid(), "CallSid", callSid,
                "ConferenceSid", conferenceSid, "FriendlyName", twiml.conference(), "StatusCallbackEvent", "conference-start",
                "Timestamp", java.time.Instant.now().toString()));
        callback(twiml.streamCallback(), Map.of("AccountSid", target.accountSid(), "CallSid", callSid, "StreamSid", streamSid,
                "StreamName", twiml.streamName(), "StreamEvent", "stream-started", "Timestamp", java.time.Instant.now().toString()));

        MediaSession media = new MediaSession(callSid, streamSid, twiml, script);
        long c0 = System.nanoTime();
        try {
            media.connect();
        } catch (Exception e) {
            return failed(callSid, script, 200, t0, "media WebSocket refused: " + rootMessage(e));
        }
        long connectMillis = millisSince(c0);
        long m0 = System.nanoTime();
        String mediaError = media.play();
        long mediaMillis = millisSince(m0);

        callback(twiml.streamCallback(), Map.of("AccountSid", target.accountSid(), "CallSid", callSid, "StreamSid", streamSid,
                "StreamName", twiml.streamName(), "StreamEvent", "stream-stopped", "Timestamp", java.time.Instant.now().toString()));
        callback(twiml.conferenceCallback(), Map.of("AccountSid", target.accountSid(), "CallSid", callSid,
                "ConferenceSid", conferenceSid, "FriendlyName", twiml.conference(), "StatusCallbackEvent", "conference-end",
                "Timestamp", java.time.Instant.now().toString()));
        try {
            postForm("/twilio/call-status", Map.of("AccountSid", target.accountSid(), "CallSid", callSid,
                    "CallStatus", "completed", "CallDuration", Long.toString(Math.max(1, mediaMillis / 1000)),
                    "From", target.callerNumber(), "To", target.tenantNumber(), "Direction", "inbound"));
        } catch (Exception e) {
            // the report below still tells what happened; a lost status callback is what Twilio retries would cover
        }
        JsonNode report = settledReport(callSid, script.isScam());
        heard.add("conversation with the protected person");
        return new Outcome(callSid, script, 200, webhookMillis, connectMillis, mediaMillis, media.frames.get(),
                List.copyOf(media.timings), media.closedBy.get(), report, mediaError, List.copyOf(heard));
    }

    /** The wait document the conference names, and the audio it plays, measured: what the caller hears while it rings. */
    private String ringback(Twiml twiml, String callSid) {
        if (twiml.waitUrl() == null) {
            return "silence (no wait audio)";
        }
        try {
            HttpResponse<String> doc = postFormTo(twiml.waitUrl(), Map.of("AccountSid", target.accountSid(), "CallSid", callSid));
            String body = doc.body();
            int open = body.indexOf("<Play");
            if (doc.statusCode() != 200 || open < 0) {
                return "silence (wait document answered " + doc.statusCode() + ")";
            }
            String url = body.substring(body.indexOf('>', open) + 1, body.indexOf("</Play>")).strip();
            HttpResponse<byte[]> audio = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return audio.statusCode() == 200 ? RingbackListener.describe(audio.body()) : "silence (audio answered " + audio.statusCode() + ")";
        } catch (Exception e) {
            return "silence (" + rootMessage(e) + ")";
        }
    }

    /** The protected person's leg as the server rang it (simulated telephony records one); a made-up sid otherwise. */
    private String protectedLeg(String callSid) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                String leg = report(callSid).path("protectedLeg").asText("");
                if (!leg.isEmpty()) {
                    return leg;
                }
            } catch (Exception e) {
                // not logged yet
            }
            sleep(100);
        }
        return newSid("CA");
    }

    private Map<String, String> legStatus(String leg, String status) {
        return Map.of("AccountSid", target.accountSid(), "CallSid", leg, "CallStatus", status, "Direction", "outbound-api",
                "Timestamp", java.time.Instant.now().toString());
    }

    /**
     * The protected person does not take the call (no answer, busy, unreachable) or the caller hangs up first: the leg's
     * outcome is reported, the simulator waits for what the server does with the caller (a diversion, or the leg
     * cancelled), then the call ends as Twilio would report it.
     */
    private Outcome notAnswered(String callSid, CallScript script, long webhookMillis, Twiml twiml, String leg, String legCallback,
                                List<String> heard) {
        String awaited;
        if (pickup == Pickup.CALLER_HANGS_UP) {
            callback(twiml.conferenceCallback(), Map.of("AccountSid", target.accountSid(), "CallSid", callSid,
                    "ConferenceSid", newSid("CF"), "FriendlyName", twiml.conference(), "StatusCallbackEvent", "participant-leave",
                    "Timestamp", java.time.Instant.now().toString()));
            finalStatus(callSid, 3);
            awaited = "leg_cancelled";
            heard.add("the caller hung up while it rang");
        } else {
            callback(legCallback, legStatus(leg, pickup.legStatus));
            awaited = "diversion";
        }
        long deadline = System.nanoTime() + pacing.settle().toNanos();
        JsonNode report = null;
        JsonNode seen = null;
        while (seen == null && System.nanoTime() < deadline) {
            try {
                report = report(callSid);
                for (JsonNode d : report.path("simulatedDeliveries")) {
                    if (awaited.equals(d.path("kind").asText())) {
                        seen = d;
                    }
                }
            } catch (Exception e) {
                report = null;
            }
            if (seen == null) {
                sleep(100);
            }
        }
        if (seen != null && awaited.equals("diversion")) {
            heard.add((seen.has("forwardTo") ? "forwarded to the voicemail " + seen.path("forwardTo").asText() + ", then " : "")
                    + "«" + seen.path("message").asText() + "», then the call ended");
            finalStatus(callSid, 8);
        }
        JsonNode settled = settledReport(callSid, false);
        return new Outcome(callSid, script, 200, webhookMillis, 0, 0, 0, List.of(), "", settled != null ? settled : report,
                seen == null ? "the server did not " + (awaited.equals("diversion") ? "divert the caller" : "cancel the ringing leg")
                        + " within " + pacing.settle().toSeconds() + " s" : null, List.copyOf(heard));
    }

    private void finalStatus(String callSid, long seconds) {
        try {
            postForm("/twilio/call-status", Map.of("AccountSid", target.accountSid(), "CallSid", callSid, "CallStatus", "completed",
                    "CallDuration", Long.toString(seconds), "From", target.callerNumber(), "To", target.tenantNumber(),
                    "Direction", "inbound"));
        } catch (Exception e) {
            // the report still says what happened
        }
    }

    /** Polls {@code /sim/calls/{sid}} until the call has ended and no alert is pending any more, or the settle time ran out. */
    private JsonNode settledReport(String callSid, boolean expectAlerts) {
        long deadline = System.nanoTime() + pacing.settle().toNanos();
        JsonNode last = null;
        while (true) {
            try {
                last = report(callSid);
            } catch (Exception e) {
                last = null;
            }
            if (last != null && settled(last)) {
                return last;
            }
            if (System.nanoTime() > deadline) {
                return last;
            }
            sleep(200);
        }
    }

    private static boolean settled(JsonNode report) {
        if (!"ended".equals(report.path("state").asText())) {
            return false;
        }
        for (JsonNode a : report.path("alerts")) {
            String status = a.path("status").asText();
            if (status.equals("pending") || status.equals("sending")) {
                return false;
            }
        }
        return true;
    }

    /** The server's view of one call (signed GET). */
    public JsonNode report(String callSid) throws Exception {
        String url = target.baseUrl() + "/sim/calls/" + callSid + "?to=" + enc(target.tenantNumber());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("X-Twilio-Signature", TwilioSigner.form(target.authToken(), url, Map.of())).GET().build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/sim/calls answered " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    /** Hands lines to the simulated recogniser for this call (signed JSON POST); returns the audio they need, in ms. */
    public long scriptTurns(String callSid, List<CallScript.Turn> turns) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("callSid", callSid);
        ArrayNode array = body.putArray("turns");
        for (CallScript.Turn t : turns) {
            array.addObject().put("track", t.track()).put("text", t.text());
        }
        String raw = JSON.writeValueAsString(body);
        String url = TwilioSigner.jsonUrl(target.baseUrl() + SimulatorRoutes.SPEECH + "?to=" + enc(target.tenantNumber()), raw);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-Twilio-Signature", TwilioSigner.json(target.authToken(), url))
                .POST(HttpRequest.BodyPublishers.ofString(raw)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(SimulatorRoutes.SPEECH + " answered " + r.statusCode()
                    + (r.statusCode() == 404 ? " (is speech simulated on this server? ETHIQ_SPEECH=simulated)" : ""));
        }
        return JSON.readTree(r.body()).path("audioNeededMs").asLong();
    }

    private HttpResponse<String> postForm(String path, Map<String, String> params) throws Exception {
        return postFormTo(target.baseUrl() + path, params);
    }

    private HttpResponse<String> postFormTo(String url, Map<String, String> params) throws Exception {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(enc(e.getKey())).append('=').append(enc(e.getValue()));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioSigner.form(target.authToken(), url, params))
                .header("I-Twilio-Idempotency-Token", newSid("ID"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A status callback to the absolute URL the TwiML named (Twilio calls exactly that URL); failures are ignored. */
    private void callback(String url, Map<String, String> params) {
        if (url == null || url.isEmpty()) {
            return;
        }
        try {
            postFormTo(url, params);
        } catch (Exception ignored) {
            // a status callback Twilio could not deliver changes nothing for the call itself
        }
    }

    private Outcome failed(String callSid, CallScript script, int status, long t0, String error) {
        return new Outcome(callSid, script, status, millisSince(t0), 0, 0, 0, List.of(), "", null, error, List.of());
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The parts of the TwiML answer a Twilio call would act on. */
    record Twiml(String streamUrl, String streamName, Map<String, String> parameters, String streamCallback,
                 String conference, String conferenceCallback, String summary, String waitUrl) {
        static Twiml parse(String xml) {
            Document doc;
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                f.setExpandEntityReferences(false);
                doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalArgumentException("not XML: " + e.getMessage(), e);
            }
            Element root = doc.getDocumentElement();
            if (!"Response".equals(root.getTagName())) {
                throw new IllegalArgumentException("root element is <" + root.getTagName() + ">, not <Response>");
            }
            String url = null;
            String name = "";
            String streamCallback = null;
            Map<String, String> params = new LinkedHashMap<>();
            NodeList streams = root.getElementsByTagName("Stream");
            if (streams.getLength() > 0) {
                Element s = (Element) streams.item(0);
                url = s.getAttribute("url");
                name = s.getAttribute("name");
                streamCallback = s.getAttribute("statusCallback");
                NodeList ps = s.getElementsByTagName("Parameter");
                for (int i = 0; i < ps.getLength(); i++) {
                    Element p = (Element) ps.item(i);
                    params.put(p.getAttribute("name"), p.getAttribute("value"));
                }
            }
            String conference = "";
            String conferenceCallback = null;
            String waitUrl = null;
            NodeList conferences = root.getElementsByTagName("Conference");
            if (conferences.getLength() > 0) {
                Element c = (Element) conferences.item(0);
                conference = c.getTextContent().strip();
                conferenceCallback = c.getAttribute("statusCallback");
                waitUrl = c.getAttribute("waitUrl").isEmpty() ? null : c.getAttribute("waitUrl");
            }
            List<String> verbs = new ArrayList<>();
            NodeList children = root.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element e) {
                    verbs.add("<" + e.getTagName() + ">");
                }
            }
            return new Twiml(url == null || url.isEmpty() ? null : url, name, params, streamCallback, conference,
                    conferenceCallback, String.join("", verbs), waitUrl);
        }
    }

    /** The media WebSocket of one call: frames at real pace on both tracks, turns scripted as they begin. */
    private final class MediaSession implements WebSocket.Listener {
        private final String callSid;
        private final String streamSid;
        private final Twiml twiml;
        private final CallScript script;
        private final AtomicInteger frames = new AtomicInteger();
        private final AtomicInteger sequence = new AtomicInteger();
        private final AtomicReference<String> closedBy = new AtomicReference<>("");
        private final List<TurnTiming> timings = java.util.Collections.synchronizedList(new ArrayList<>());
        private final CompletableFuture<Void> serverClosed = new CompletableFuture<>();
        private final byte[] silence = new byte[FRAME_BYTES];
        private final byte[] voice = new byte[FRAME_BYTES];
        private WebSocket socket;
        private CompletableFuture<WebSocket> sending;

        MediaSession(String callSid, String streamSid, Twiml twiml, CallScript script) {
            this.callSid = callSid;
            this.streamSid = streamSid;
            this.twiml = twiml;
            this.script = script;
            java.util.Arrays.fill(silence, (byte) 0xFF);
            // a quiet 400 Hz tone in mu-law: audible "speech" on the speaking track, digital silence on the other
            for (int i = 0; i < FRAME_BYTES; i++) {
                voice[i] = MuLaw.encode((short) (2000 * Math.sin(2 * Math.PI * 400 * i / 8000.0)));
            }
        }

        void connect() throws Exception {
            socket = http.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .header("X-Twilio-Signature", TwilioSigner.upgrade(target.authToken(), twiml.streamUrl()))
                    .buildAsync(URI.create(twiml.streamUrl()), this)
                    .get(10, TimeUnit.SECONDS);
            sending = CompletableFuture.completedFuture(socket);
            send(JSON.createObjectNode().put("event", "connected").put("protocol", "Call").put("version", "1.0.0"));
            ObjectNode start = JSON.createObjectNode();
            start.put("event", "start").put("sequenceNumber", Integer.toString(sequence.incrementAndGet())).put("streamSid", streamSid);
            ObjectNode s = start.putObject("start");
            s.put("streamSid", streamSid).put("accountSid", target.accountSid()).put("callSid", callSid);
            s.putArray("tracks").add("inbound").add("outbound");
            ObjectNode custom = s.putObject("customParameters");
            twiml.parameters().forEach(custom::put);
            s.putObject("mediaFormat").put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1);
            send(start);
        }

        /** Runs the call to its end; returns an error text if the server closed the socket early. */
        String play() {
            AtomicInteger nextTurn = new AtomicInteger();
            AtomicReference<String> speakingTrack = new AtomicReference<>("");
            long[] nextTurnAtMs = {300};
            long[] endAtMs = {Long.MAX_VALUE};
            AtomicInteger chunk = new AtomicInteger();
            long start = System.nanoTime();
            CompletableFuture<Void> done = new CompletableFuture<>();
            AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
            Runnable tick = () -> {
                try {
                    long now = millisSince(start);
                    if (serverClosed.isDone()) {
                        done.complete(null);
                        return;
                    }
                    synchronized (this) {
                        int k = nextTurn.get();
                        if (k < script.turns().size() && now >= nextTurnAtMs[0]) {
                            CallScript.Turn turn = script.turns().get(k);
                            nextTurnAtMs[0] = Long.MAX_VALUE; // until the server said how long this turn lasts
                            nextTurn.incrementAndGet();
                            speakingTrack.set(turn.track());
                            CompletableFuture.supplyAsync(() -> {
                                try {
                                    return scriptTurns(callSid, List.of(turn));
                                } catch (Exception e) {
                                    throw new java.util.concurrent.CompletionException(e);
                                }
                            }).whenComplete((needed, error) -> {
                                synchronized (this) {
                                    long at = millisSince(start);
                                    if (error != null) {
                                        closedBy.compareAndSet("", "simulator: " + rootMessage(error));
                                        done.complete(null);
                                        return;
                                    }
                                    timings.add(new TurnTiming(k, turn.track(), at, needed));
                                    long endOfTurn = at + needed;
                                    if (k + 1 < script.turns().size()) {
                                        nextTurnAtMs[0] = endOfTurn + pacing.gapBetweenTurns().toMillis();
                                    } else {
                                        endAtMs[0] = endOfTurn + pacing.tail().toMillis();
                                    }
                                }
                            });
                        }
                        if (now >= endAtMs[0]) {
                            done.complete(null);
                            return;
                        }
                    }
                    int c = chunk.incrementAndGet();
                    long ts = (long) (c - 1) * FRAME_MILLIS;
                    String speaking = speakingTrack.get();
                    send(media("inbound", c, ts, speaking.equals("inbound") ? voice : silence));
                    send(media("outbound", c, ts, speaking.equals("outbound") ? voice : silence));
                    frames.addAndGet(2);
                } catch (RuntimeException e) {
                    closedBy.compareAndSet("", "simulator: " + e);
                    done.complete(null);
                }
            };
            task.set(scheduler.scheduleAtFixedRate(tick, 0, FRAME_MILLIS, TimeUnit.MILLISECONDS));
            try {
                done.get(30, TimeUnit.MINUTES);
            } catch (Exception e) {
                closedBy.compareAndSet("", "simulator: " + e);
            } finally {
                task.get().cancel(false);
            }
            if (serverClosed.isDone()) {
                return "the server closed the media socket early: " + closedBy.get();
            }
            ObjectNode stop = JSON.createObjectNode();
            stop.put("event", "stop").put("sequenceNumber", Integer.toString(sequence.incrementAndGet())).put("streamSid", streamSid);
            stop.putObject("stop").put("accountSid", target.accountSid()).put("callSid", callSid);
            send(stop);
            closedBy.compareAndSet("", "simulator (1000)");
            try {
                sending.thenCompose(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "")).get(5, TimeUnit.SECONDS);
                serverClosed.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
            String simulatorError = closedBy.get().startsWith("simulator:") ? closedBy.get() : null;
            return simulatorError;
        }

        private ObjectNode media(String track, int chunk, long timestamp, byte[] payload) {
            ObjectNode m = JSON.createObjectNode();
            m.put("event", "media").put("sequenceNumber", Integer.toString(sequence.incrementAndGet())).put("streamSid", streamSid);
            m.putObject("media").put("track", track).put("chunk", Integer.toString(chunk))
                    .put("timestamp", Long.toString(timestamp)).put("payload", Base64.getEncoder().encodeToString(payload));
            return m;
        }

        /** Sends in order: java.net.http.WebSocket allows one outstanding text message at a time. */
        private synchronized void send(ObjectNode message) {
            String text = message.toString();
            sending = sending.thenCompose(ws -> ws.sendText(text, true));
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedBy.compareAndSet("", "server (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
            serverClosed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedBy.compareAndSet("", "server (" + rootMessage(error) + ")");
            serverClosed.complete(null);
        }
    }
}
