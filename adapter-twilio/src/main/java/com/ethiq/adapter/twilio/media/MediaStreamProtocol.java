package com.ethiq.adapter.twilio.media;

import com.ethiq.adapter.twilio.media.MediaStreamEvent.Audio;
import com.ethiq.adapter.twilio.media.MediaStreamEvent.Connected;
import com.ethiq.adapter.twilio.media.MediaStreamEvent.Dtmf;
import com.ethiq.adapter.twilio.media.MediaStreamEvent.Mark;
import com.ethiq.adapter.twilio.media.MediaStreamEvent.Rejected;
import com.ethiq.adapter.twilio.media.MediaStreamEvent.Start;
import com.ethiq.adapter.twilio.media.MediaStreamEvent.Stop;
import com.ethiq.core.domain.Speaker;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The Twilio Media Streams protocol for one stream, without any transport: give it each text message's bytes and it
 * tells a {@link Listener} what they mean. Nothing but {@code connected} and {@code start} is accepted before the
 * start (anything else: close 1008); after it, {@code media} audio per speaker, {@code mark}, {@code dtmf},
 * {@code stop}. Unusable messages while streaming are counted and skipped, until {@value #MAX_CONSECUTIVE_PROBLEMS} in
 * a row (close 1007); text that is not UTF-8 (close 1007), more frames or more audio than a real call sends (close
 * 1008) or an oversized message (close 1009) end it at once. Fields are read with their JSON type: a number where a
 * string belongs is unusable, never converted.
 *
 * <p>The {@code media} message, 100 times a second, is read in place by an allocation-free scanner and its base64
 * decoded into a reused buffer; every other message (and anything the scanner is unsure of) goes through Jackson.
 * Track names map to speakers: {@code inbound} is the caller, {@code outbound} the conference mix (the protected
 * person). One instance per stream, used by one thread at a time (the socket's reader); not thread-safe.
 */
public final class MediaStreamProtocol {
    /** Unusable messages in a row after which the stream is closed (a broken or hostile sender). */
    public static final int MAX_CONSECUTIVE_PROBLEMS = 100;
    /** Seconds of frames a stream may be ahead of real time (frames queue while the start is authenticated). */
    static final int BURST_SECONDS = 5;
    /** Audio bytes in one 20 ms mu-law frame, the unit of the frame rate. */
    static final int FRAME_AUDIO_BYTES = 160;

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final byte[] INBOUND = MediaJsonScanner.ascii("inbound");
    private static final byte[] OUTBOUND = MediaJsonScanner.ascii("outbound");
    private static final byte[] INBOUND_TRACK = MediaJsonScanner.ascii("inbound_track");
    private static final byte[] OUTBOUND_TRACK = MediaJsonScanner.ascii("outbound_track");
    private static final int MAX_CALL_SID = 64;
    private static final int MAX_PARAMETERS = 16;

    /** Where the protocol's outcomes go; called on the reading thread, during {@link #onText} and friends. */
    public interface Listener {
        /** Every event but audio on the hot path. */
        void onEvent(MediaStreamEvent event);

        /**
         * One frame of audio: {@code audio[offset, offset + length)} is valid only during the call (the buffer is
         * reused). Override it to keep the frame path allocation-free; by default it becomes an {@link Audio} event.
         */
        default void onAudio(Speaker speaker, byte[] audio, int offset, int length, long timestampMillis) {
            onEvent(new Audio(speaker, Arrays.copyOfRange(audio, offset, offset + length), timestampMillis));
        }
    }

    private enum Phase { AWAITING_START, STREAMING, OVER }

    private final Listener listener;
    private final int maxFramesPerSecond;
    private final LongSupplier nanoClock;
    private final long openedNanos;
    private final MediaJsonScanner scanner = new MediaJsonScanner();
    private byte[] decoded = new byte[256];
    private Phase phase = Phase.AWAITING_START;
    private int consecutiveProblems;
    private long frames;
    private long audioBytes;
    private long nextAudioCheck;

    /**
     * @param maxFramesPerSecond media frames per second tolerated on average (with {@value #BURST_SECONDS} s of slack)
     * @param nanoClock          {@link System#nanoTime} but in tests; the stream's clock starts now
     */
    public MediaStreamProtocol(Listener listener, int maxFramesPerSecond, LongSupplier nanoClock) {
        if (maxFramesPerSecond < 1) {
            throw new IllegalArgumentException("'maxFramesPerSecond' must be >= 1, got " + maxFramesPerSecond);
        }
        this.listener = java.util.Objects.requireNonNull(listener, "'listener' must not be null");
        this.maxFramesPerSecond = maxFramesPerSecond;
        this.nanoClock = nanoClock;
        this.openedNanos = nanoClock.getAsLong();
    }

    /** Whether a valid {@code start} was read (audio is accepted from then on). */
    public boolean started() {
        return phase == Phase.STREAMING;
    }

    /**
     * One complete text message, {@code bytes[from, to)} (UTF-8). Ignored once the stream is over. The scanner's fast
     * path accepts pure ASCII only; everything else is checked to be UTF-8 before Jackson reads it.
     */
    public void onText(byte[] bytes, int from, int to) {
        if (phase == Phase.OVER) {
            return;
        }
        if (phase == Phase.STREAMING && scanner.scan(bytes, from, to) == MediaJsonScanner.MEDIA) {
            onMediaFast(bytes);
            return;
        }
        if (!Utf8.valid(bytes, from, to)) {
            end(StreamProblem.INVALID_UTF8, StreamClose.BAD_DATA);
            return;
        }
        if (phase == Phase.STREAMING) {
            onStreamingMessage(parse(bytes, from, to));
        } else {
            onBeforeStart(parse(bytes, from, to));
        }
    }

    /** A binary frame (Twilio sends text only). */
    public void onBinary() {
        problem(StreamProblem.BINARY_FRAME);
    }

    /** A continuation frame with no fragmented message open. */
    public void onStrayContinuation() {
        problem(StreamProblem.STRAY_CONTINUATION);
    }

    /** A message above the size limit: always ends the stream. */
    public void onTooLarge() {
        end(StreamProblem.MESSAGE_TOO_LARGE, StreamClose.MESSAGE_TOO_LARGE);
    }

    // ---------------------------------------------------------------- before the start

    private void onBeforeStart(JsonNode message) {
        if (message == null) {
            end(StreamProblem.MALFORMED_BEFORE_START, StreamClose.POLICY_VIOLATION);
            return;
        }
        String event = text(message.path("event"));
        switch (event == null ? "" : event) {
            case "connected" -> listener.onEvent(new Connected(orEmpty(text(message.path("protocol"))),
                    orEmpty(text(message.path("version")))));
            case "start" -> {
                Start start = start(message);
                if (start == null) {
                    end(StreamProblem.BAD_START, StreamClose.POLICY_VIOLATION);
                    return;
                }
                phase = Phase.STREAMING;
                listener.onEvent(start);
            }
            case "media" -> end(StreamProblem.MEDIA_BEFORE_START, StreamClose.POLICY_VIOLATION);
            default -> end(StreamProblem.UNEXPECTED_BEFORE_START, StreamClose.POLICY_VIOLATION);
        }
    }

    private static Start start(JsonNode message) {
        JsonNode start = message.path("start");
        String callSid = text(start.path("callSid"));
        if (callSid == null || callSid.isEmpty() || callSid.length() > MAX_CALL_SID) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode custom = start.path("customParameters");
        if (custom.isObject()) {
            custom.fields().forEachRemaining(e -> {
                if (params.size() < MAX_PARAMETERS && e.getValue().isTextual()) {
                    params.put(e.getKey(), e.getValue().textValue());
                }
            });
        }
        List<String> tracks = new ArrayList<>();
        for (JsonNode t : start.path("tracks")) {
            if (!t.isTextual()) {
                return null;
            }
            tracks.add(t.textValue());
        }
        JsonNode format = start.path("mediaFormat");
        String streamSid = optionalText(start.path("streamSid"), optionalText(message.path("streamSid"), ""));
        String accountSid = optionalText(start.path("accountSid"), "");
        String encoding = optionalText(format.path("encoding"), "audio/x-mulaw");
        JsonNode rate = format.path("sampleRate");
        JsonNode channels = format.path("channels");
        if (streamSid == null || accountSid == null || encoding == null
                || !(rate.isMissingNode() || rate.isInt()) || !(channels.isMissingNode() || channels.isInt())) {
            return null; // a field of the wrong type: not a start Twilio wrote
        }
        return new Start(callSid, streamSid, accountSid, tracks, params, encoding,
                rate.isMissingNode() ? 8000 : rate.intValue(), channels.isMissingNode() ? 1 : channels.intValue());
    }

    /** The string value of a field, or null if it is absent or not a string (never a number turned into text). */
    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : null;
    }

    /** The string value, {@code absent} when the field is missing, null when it has another type. */
    private static String optionalText(JsonNode node, String absent) {
        if (node.isMissingNode() || node.isNull()) {
            return absent;
        }
        return text(node);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    // ---------------------------------------------------------------- streaming

    private void onMediaFast(byte[] message) {
        Speaker speaker;
        if (scanner.trackIs(INBOUND) || scanner.trackIs(INBOUND_TRACK)) {
            speaker = Speaker.CALLER;
        } else if (scanner.trackIs(OUTBOUND) || scanner.trackIs(OUTBOUND_TRACK)) {
            speaker = Speaker.CALLEE;
        } else {
            problem(StreamProblem.UNKNOWN_TRACK);
            return;
        }
        int from = scanner.payloadStart;
        int to = scanner.payloadEnd;
        int n = Base64Audio.decodedLength(message, from, to);
        if (n <= 0) {
            problem(n == 0 ? StreamProblem.EMPTY_PAYLOAD : StreamProblem.BAD_BASE64);
            return;
        }
        if (decoded.length < n) {
            decoded = new byte[Math.max(n, decoded.length * 2)]; // bounded by the transport's message size limit
        }
        if (Base64Audio.decode(message, from, to, decoded, 0) < 0) {
            problem(StreamProblem.BAD_BASE64);
            return;
        }
        audio(speaker, decoded, n, scanner.timestampMillis);
    }

    private void onStreamingMessage(JsonNode message) {
        if (message == null) {
            problem(StreamProblem.MALFORMED_JSON);
            return;
        }
        String event = text(message.path("event"));
        if (event == null) {
            problem(message.path("event").isMissingNode() ? StreamProblem.UNKNOWN_EVENT : StreamProblem.WRONG_TYPE);
            return;
        }
        switch (event) {
            case "media" -> onMediaSlow(message.path("media"));
            case "mark" -> textField(message.path("mark").path("name"), name -> accepted(new Mark(name)));
            case "dtmf" -> textField(message.path("dtmf").path("digit"), digit -> accepted(new Dtmf(digit)));
            case "stop" -> {
                phase = Phase.OVER;
                accepted(new Stop());
            }
            case "connected" -> problem(StreamProblem.UNEXPECTED_CONNECTED);
            case "start" -> problem(StreamProblem.UNEXPECTED_START);
            default -> problem(StreamProblem.UNKNOWN_EVENT);
        }
    }

    /** A string field (absent: empty); any other type is a {@link StreamProblem#WRONG_TYPE}. */
    private void textField(JsonNode node, java.util.function.Consumer<String> then) {
        String value = optionalText(node, "");
        if (value == null) {
            problem(StreamProblem.WRONG_TYPE);
        } else {
            then.accept(value);
        }
    }

    /** What the scanner left to Jackson (escapes, unusual shapes): same rules, allocating freely. */
    private void onMediaSlow(JsonNode media) {
        Speaker speaker = switch (orEmpty(text(media.path("track")))) {
            case "inbound", "inbound_track" -> Speaker.CALLER;
            case "outbound", "outbound_track" -> Speaker.CALLEE;
            default -> null;
        };
        if (speaker == null) {
            problem(StreamProblem.UNKNOWN_TRACK);
            return;
        }
        JsonNode payload = media.path("payload");
        if (!payload.isTextual() || payload.asText().isEmpty()) {
            problem(StreamProblem.EMPTY_PAYLOAD);
            return;
        }
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode(payload.asText());
        } catch (IllegalArgumentException e) {
            problem(StreamProblem.BAD_BASE64);
            return;
        }
        long timestamp = -1;
        JsonNode ts = media.path("timestamp");
        if (ts.isTextual() || ts.isIntegralNumber()) {
            try {
                timestamp = Long.parseLong(ts.asText());
            } catch (NumberFormatException ignored) {
                // no timestamp for this frame
            }
        }
        audio(speaker, audio, audio.length, timestamp);
    }

    private void audio(Speaker speaker, byte[] audio, int length, long timestampMillis) {
        if (!withinRate() || !withinAudio(length)) {
            end(StreamProblem.RATE_EXCEEDED, StreamClose.POLICY_VIOLATION);
            return;
        }
        consecutiveProblems = 0;
        listener.onAudio(speaker, audio, 0, length, timestampMillis);
    }

    /**
     * A token bucket refilled at the allowed rate with {@value #BURST_SECONDS} s of slack, because frames legitimately
     * arrive in bursts (they queue while the start is authenticated, or while the network or this node stalls).
     * Checked every 32 frames.
     */
    private boolean withinRate() {
        if ((++frames & 31) != 0) {
            return true;
        }
        long elapsedMillis = (nanoClock.getAsLong() - openedNanos) / 1_000_000L;
        long allowed = (long) maxFramesPerSecond * BURST_SECONDS + elapsedMillis * maxFramesPerSecond / 1000L;
        return frames <= allowed;
    }

    /**
     * The same budget counted in audio rather than frames (mu-law: 8 bytes a millisecond), so a frame carrying more
     * than its 20 ms cannot buy more recognised (and billed) speech than the frame rate allows. Reads the clock only
     * when the audio so far passes the last checkpoint, which a single oversized frame does at once.
     */
    private boolean withinAudio(int length) {
        audioBytes += length;
        if (audioBytes <= nextAudioCheck) {
            return true;
        }
        long elapsedMillis = (nanoClock.getAsLong() - openedNanos) / 1_000_000L;
        long perSecond = (long) maxFramesPerSecond * FRAME_AUDIO_BYTES;
        long allowed = perSecond * BURST_SECONDS + elapsedMillis * perSecond / 1000L;
        nextAudioCheck = audioBytes + 32L * FRAME_AUDIO_BYTES;
        return audioBytes <= allowed;
    }

    private void accepted(MediaStreamEvent event) {
        consecutiveProblems = 0;
        listener.onEvent(event);
    }

    private void problem(StreamProblem problem) {
        if (phase == Phase.OVER) {
            return;
        }
        if (phase == Phase.AWAITING_START) {
            end(problem, StreamClose.POLICY_VIOLATION);
        } else if (++consecutiveProblems >= MAX_CONSECUTIVE_PROBLEMS) {
            end(problem, StreamClose.BAD_DATA);
        } else {
            listener.onEvent(new Rejected(problem, StreamClose.NONE));
        }
    }

    private void end(StreamProblem problem, StreamClose close) {
        if (phase == Phase.OVER) {
            return;
        }
        phase = Phase.OVER;
        listener.onEvent(new Rejected(problem, close));
    }

    private static JsonNode parse(byte[] bytes, int from, int to) {
        try {
            JsonNode node = JSON.readTree(bytes, from, to - from);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
