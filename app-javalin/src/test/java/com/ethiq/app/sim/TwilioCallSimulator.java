package com.ethiq.app.sim;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Plays Twilio against a running app, on the wire: signed form webhooks (incoming call, call / conference / stream
 * status callbacks, the AnnounceUrl fetch) and media stream WebSockets with a signed upgrade. Requests go to
 * {@code target} (where the app listens) while signatures cover the app's public URL, exactly as behind a proxy.
 * A clean client, reusable outside tests (a {@code simulate} command). Thread-safe.
 */
public final class TwilioCallSimulator implements AutoCloseable {
    /** A Twilio account (or subaccount): its SID and the auth token that signs its webhooks. */
    public record Account(String accountSid, String authToken) {
        public Account {
            if (accountSid == null || !accountSid.matches("AC[0-9a-f]{32}")) {
                throw new IllegalArgumentException("'accountSid' must be AC + 32 lower-case hex digits, got '" + accountSid + "'");
            }
            Objects.requireNonNull(authToken, "'authToken' must not be null");
        }

        public static Account random() {
            return new Account("AC" + hex32(), hex32());
        }
    }

    /** How a request is signed. */
    public enum Signing { VALID, FORGED, MISSING }

    /** An HTTP answer of the app. */
    public record Reply(int status, String body) {
        public TwimlAnswer twiml() {
            return TwimlAnswer.parse(body);
        }
    }

    private final URI target;
    private final URI publicBase;
    private final HttpClient http;

    /**
     * @param target     where the app listens, e.g. {@code http://127.0.0.1:8080}
     * @param publicBase the app's configured public base URL (what Twilio would call and sign)
     */
    public TwilioCallSimulator(URI target, URI publicBase) {
        this.target = Objects.requireNonNull(target, "'target' must not be null");
        this.publicBase = Objects.requireNonNull(publicBase, "'publicBase' must not be null");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A ringing call from {@code from} to {@code to}, on {@code account}; {@link Call#answer()} holds the TwiML reply. */
    public Call ring(Account account, String from, String to) {
        return ring(account, from, to, Signing.VALID);
    }

    public Call ring(Account account, String from, String to, Signing signing) {
        String callSid = "CA" + hex32();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", account.accountSid());
        form.put("ApiVersion", "2010-04-01");
        form.put("CallSid", callSid);
        form.put("CallStatus", "ringing");
        form.put("Called", to);
        form.put("Caller", from);
        form.put("Direction", "inbound");
        form.put("From", from);
        form.put("To", to);
        form.put("CallToken", "%7B%22parentCallInfoToken%22%3A%22eyJ%22%7D");
        Reply reply = post("/twilio/voice", form, account, signing);
        return new Call(account, callSid, from, to, reply, form);
    }

    /** GETs {@code url} (an absolute URL under the public base) from the app, as Twilio fetches media for {@code <Play>}. */
    public byte[] fetchMedia(String url) {
        if (!url.startsWith(publicBase.toString())) {
            throw new IllegalArgumentException(url + " is not under the app's public URL " + publicBase);
        }
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(target + url.substring(publicBase.toString().length())))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode());
            }
            return r.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs a form to {@code pathAndQuery} (relative to the public base), signed as {@code account}. */
    public Reply post(String pathAndQuery, Map<String, String> form, Account account, Signing signing) {
        String publicUrl = publicBase + pathAndQuery;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "TwilioProxy/1.1")
                .header("I-Twilio-Idempotency-Token", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        switch (signing) {
            case VALID -> request.header("X-Twilio-Signature", TwilioSignature.sign(account.authToken(), publicUrl, form));
            case FORGED -> request.header("X-Twilio-Signature", TwilioSignature.sign("forged-" + account.authToken(), publicUrl, form));
            case MISSING -> {
            }
        }
        return send(request.build());
    }

    /** What Twilio does with a conference AnnounceUrl: POSTs to it, signed, and reads the TwiML. */
    public Reply fetchAnnouncement(Account account, URI announceUrl, String conferenceSid) {
        String publicUrl = announceUrl.toString();
        if (!publicUrl.startsWith(publicBase.toString())) {
            throw new IllegalArgumentException("AnnounceUrl " + announceUrl + " is not under the app's public URL " + publicBase);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", account.accountSid());
        form.put("ConferenceSid", conferenceSid);
        return post(publicUrl.substring(publicBase.toString().length()), form, account, Signing.VALID);
    }

    /** Opens a media stream WebSocket to the app's media path; the upgrade is signed over the public wss:// URL. */
    public MediaStream openStream(Account account, String callSid, String streamUrl, Signing signing) {
        URI publicStream = URI.create(streamUrl);
        URI wsTarget = URI.create(("https".equals(target.getScheme()) ? "wss" : "ws") + "://" + target.getRawAuthority()
                + publicStream.getRawPath());
        String signature = switch (signing) {
            case VALID -> TwilioSignature.sign(account.authToken(), streamUrl, Map.of());
            case FORGED -> TwilioSignature.sign("forged-" + account.authToken(), streamUrl, Map.of());
            case MISSING -> null;
        };
        return MediaStream.connect(http, wsTarget, signature, account.accountSid(), callSid);
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException("the app did not answer " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String hex32() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public void close() {
        // the JDK client has no close on Java 17; its threads are daemons
    }

    /** One call placed by the simulator. */
    public final class Call {
        private final Account account;
        private final String callSid;
        private final String from;
        private final String to;
        private final Reply answer;
        private final Map<String, String> form;

        Call(Account account, String callSid, String from, String to, Reply answer, Map<String, String> form) {
            this.account = account;
            this.callSid = callSid;
            this.from = from;
            this.to = to;
            this.answer = answer;
            this.form = Map.copyOf(form);
        }

        /** The same signed incoming-call webhook posted again (a Twilio retry, or an attacker's replay). */
        public Reply replay() {
            return post("/twilio/voice", new LinkedHashMap<>(form), account, Signing.VALID);
        }

        /** The conference's wait document, fetched as Twilio does (signed POST to the waitUrl the TwiML gave). */
        public Reply waitDocument() {
            String url = twiml().waitUrl().orElseThrow();
            Map<String, String> f = new LinkedHashMap<>();
            f.put("AccountSid", account.accountSid());
            f.put("CallSid", callSid);
            f.put("QueueSid", "QU" + hex32());
            return post(url.substring(publicBase.toString().length()), f, account, Signing.VALID);
        }

        /**
         * The protected person's leg reports {@code callStatus} to the StatusCallback the app gave Twilio when it added
         * the participant ({@code statusCallbackUrl}, as the Twilio fake recorded it).
         */
        public Reply participantStatus(String statusCallbackUrl, String legSid, String callStatus) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("AccountSid", account.accountSid());
            f.put("CallSid", legSid);
            f.put("CallStatus", callStatus);
            f.put("Direction", "outbound-api");
            f.put("From", to);
            f.put("Timestamp", "Mon, 02 Mar 2026 09:00:05 +0000");
            return post(statusCallbackUrl.substring(publicBase.toString().length()), f, account, Signing.VALID);
        }

        public String callSid() {
            return callSid;
        }

        public Account account() {
            return account;
        }

        public Reply answer() {
            return answer;
        }

        public TwimlAnswer twiml() {
            if (answer.status() != 200) {
                throw new IllegalStateException("the app answered " + answer.status() + ", not TwiML");
            }
            return answer.twiml();
        }

        /** Opens the stream the TwiML asked for, signed, and sends {@code connected} then {@code start} with its parameters. */
        public MediaStream startStream() {
            TwimlAnswer t = twiml();
            MediaStream stream = openStream(Signing.VALID);
            return stream.sendConnected().sendStart(t.streamParameters());
        }

        /** Opens the stream the TwiML asked for without sending anything yet. */
        public MediaStream openStream(Signing signing) {
            TwimlAnswer t = twiml();
            return TwilioCallSimulator.this.openStream(account, callSid, t.streamUrl().orElseThrow(), signing);
        }

        /** The call status callback configured on the number (POST {@code /twilio/call-status}). */
        public Reply status(String callStatus) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("AccountSid", account.accountSid());
            form.put("CallSid", callSid);
            form.put("CallStatus", callStatus);
            form.put("Called", to);
            form.put("From", from);
            form.put("To", to);
            form.put("Direction", "inbound");
            return post("/twilio/call-status", form, account, Signing.VALID);
        }

        /** A conference status callback for this call's conference, to the URL given in the TwiML. */
        public Reply conferenceEvent(String event, String participantCallSid) {
            TwimlAnswer t = twiml();
            Map<String, String> form = new HashMap<>();
            form.put("AccountSid", account.accountSid());
            form.put("ConferenceSid", "CF" + hex32());
            form.put("FriendlyName", t.conference().orElseThrow());
            form.put("StatusCallbackEvent", event);
            form.put("SequenceNumber", "1");
            form.put("Timestamp", "Mon, 02 Mar 2026 09:00:00 +0000");
            if (participantCallSid != null) {
                form.put("CallSid", participantCallSid);
            }
            String url = t.conferenceStatusCallback().orElseThrow();
            return post(url.substring(publicBase.toString().length()), form, account, Signing.VALID);
        }

        /** A stream status callback (stream-started, stream-stopped, stream-error) to the URL given in the TwiML. */
        public Reply streamEvent(String event) {
            TwimlAnswer t = twiml();
            Map<String, String> form = new HashMap<>();
            form.put("AccountSid", account.accountSid());
            form.put("CallSid", callSid);
            form.put("StreamSid", "MZ" + hex32());
            form.put("StreamName", "ethiq-" + callSid);
            form.put("StreamEvent", event);
            form.put("Timestamp", "2026-03-02T09:00:00Z");
            String url = t.streamStatusCallback().orElseThrow();
            return post(url.substring(publicBase.toString().length()), form, account, Signing.VALID);
        }
    }
}
