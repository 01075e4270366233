package com.ethiq.app.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays one phone call against a running Ethiq server exactly as Twilio would: the signed incoming-call webhook, the
 * TwiML answer parsed for its {@code <Stream>} and {@code <Conference>}, signed stream and conference status callbacks,
 * the media WebSocket (signed upgrade, {@code connected}, {@code start} with the stream's parameters, 20 ms mu-law
 * frames on both tracks at real pace, {@code stop}), the final call status — and, because speech is simulated, each
 * scripted turn handed to the server's {@code /sim/speech} endpoint when that turn begins, so the recogniser hears it
 * from the audio that follows: the line spoken ({@link SpeechClips}) over line noise, the other side line noise, with
 * the pauses of a conversation ({@link Audio#TONE}: the old tone over digital silence). Then it asks {@code /sim/calls/{sid}} what happened. One instance per call; the
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

    /**
     * When a turn's audio started, relative to the start of the media stream and on the wall clock, and how long it
     * lasted (the line was handed to the recogniser just before).
     */
    public record TurnTiming(int index, String track, long startedMs, long audioNeededMs, java.time.Instant startedAt) {
    }

    /** What the simulated phones say: real speech over line noise (the default), or the old tone over digital silence. */
    public enum Audio {
        SPEECH, TONE
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
    private volatile boolean relativeJoins;
    private volatile Audio audio = Audio.TONE;

    public CallSimulator(Target target, HttpClient http, ScheduledExecutorService scheduler, Pacing pacing) {
        this(target, http, scheduler, pacing, Pickup.ANSWER);
    }

    public CallSimulator(Target target, HttpClient http, ScheduledExecutorService scheduler, Pacing pacing, Pickup pickup) {
        this.pickup = Objects.requireNonNull(pickup, "'pickup' must not be null");
        this.target = Objects.requireNonNull(target, "'target' must not be null");
        this.http = Objects.requireNonNull(http, "'http' must not be null");
        this.scheduler = Objects.requireNonNull(scheduler, "'scheduler' must not be null");
        this.pacing = Objects.requireNonNull(pacing, "'pacing' must not be null");
    }

    /** Plays a relative who presses "join" on the family link of the alert SMS while the call is live. */
    public CallSimulator withRelativeJoining() {
        this.relativeJoins = true;
        return this;
    }

    /**
     * Plays the lines as speech ({@link Audio#SPEECH}, what {@code ethiq simulate} does by default) or as a tone (the
     * default here: tests whose server recognises faster than people speak keep their pace).
     */
    public CallSimulator withAudio(Audio value) {
        this.audio = Objects.requireNonNull(value, "'audio' must not be null");
        return this;
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
        SimulatedTwiml twiml;
        try {
            twiml = SimulatedTwiml.parse(answer.body());
        } catch (RuntimeException e) {
            return failed(callSid, script, 200, t0, "unexpected TwiML: " + e.getMessage());
        }
        if (twiml.streamUrl() == null) {
            return failed(callSid, script, 200, t0, "the call was not protected (no <Stream> in the answer): " + twiml.summary());
        }
        SimulatedRinging ringing = new SimulatedRinging(this, target, http, pacing, twiml, callSid);
        List<String> heard = new ArrayList<>();
        heard.add(ringing.ringback());
        ringing.started();
        if (pickup != Pickup.ANSWER) {
            return ringing.notAnswered(script, webhookMillis, pickup, heard);
        }
        ringing.answered();
        String streamSid = newSid("MZ");
        String conferenceSid = newSid("CF");
        callback(twiml.conferenceCallback(), Map.of("AccountSid", target.accountSid(), "CallSid", callSid,
                "ConferenceSid", conferenceSid, "FriendlyName", twiml.conference(), "StatusCallbackEvent", "conference-start",
                "Timestamp", java.time.Instant.now().toString()));
        callback(twiml.streamCallback(), Map.of("AccountSid", target.accountSid(), "CallSid", callSid, "StreamSid", streamSid,
                "StreamName", twiml.streamName(), "StreamEvent", "stream-started", "Timestamp", java.time.Instant.now().toString()));

        SimulatedMediaStream media = new SimulatedMediaStream(target, http, scheduler, pacing, this::scriptTurns, callSid,
                streamSid, twiml, script, audio);
        long c0 = System.nanoTime();
        try {
            media.connect();
        } catch (Exception e) {
            return failed(callSid, script, 200, t0, "media WebSocket refused: " + rootMessage(e));
        }
        long connectMillis = millisSince(c0);
        long m0 = System.nanoTime();
        java.util.concurrent.CompletableFuture<String> relative = relativeJoins
                ? new SimulatedRelative(this, http, target.baseUrl()).pressJoinOnceAlerted(callSid, Duration.ofSeconds(60))
                : java.util.concurrent.CompletableFuture.completedFuture(null);
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
        String pressed = relative.getNow("relative: still waiting for the alert when the call ended");
        if (pressed != null) {
            heard.add(pressed);
        }
        JsonNode report = settledReport(callSid, script.isScam());
        heard.add("conversation with the protected person");
        return new Outcome(callSid, script, 200, webhookMillis, connectMillis, mediaMillis, media.frames(),
                media.timings(), media.closedBy(), report, mediaError, List.copyOf(heard));
    }

    /** Polls {@code /sim/calls/{sid}} until the call has ended and no alert is pending any more, or the settle time ran out. */
    JsonNode settledReport(String callSid, boolean expectAlerts) {
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

    HttpResponse<String> postForm(String path, Map<String, String> params) throws Exception {
        return postFormTo(target.baseUrl() + path, params);
    }

    HttpResponse<String> postFormTo(String url, Map<String, String> params) throws Exception {
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
    void callback(String url, Map<String, String> params) {
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

    static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
