package com.ethiq.app.calls.media;

import com.ethiq.app.metrics.MediaMetrics;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.usecase.CallSession;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Twilio media stream socket, from upgrade to close. Nothing but {@code connected} and {@code start} is accepted
 * until the start has been authenticated by the {@link MediaCallGate} (on a worker thread, with reading paused);
 * then audio frames are decoded in place from the network buffer, gathered per track and handed to the call session.
 * The socket owns its state alone: nothing here is shared with another call.
 *
 * <p>Threads: frames arrive one at a time on Jetty's selector thread and must never block there; the start decision,
 * the end of the session and the timers run elsewhere and meet the I/O side only through {@link #state}. Never throws
 * to Jetty: any failure closes the socket cleanly.
 */
final class MediaConnection implements FrameHandler {
    private static final Logger log = LoggerFactory.getLogger(MediaConnection.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final int AWAITING_START = 0;
    private static final int STARTING = 1;
    private static final int STREAMING = 2;
    private static final int ENDED = 3;

    private static final byte[] INBOUND = MediaMessageScanner.ascii("inbound");
    private static final byte[] OUTBOUND = MediaMessageScanner.ascii("outbound");
    private static final byte[] INBOUND_TRACK = MediaMessageScanner.ascii("inbound_track");
    private static final byte[] OUTBOUND_TRACK = MediaMessageScanner.ascii("outbound_track");
    /** Unusable messages in a row after which the socket is closed (a broken or hostile sender). */
    private static final int MAX_CONSECUTIVE_PROBLEMS = 100;
    private static final int LAG_SAMPLE_EVERY = 8;
    private static final int BURST_SECONDS = 5;

    private final MediaCallGate gate;
    private final MediaSettings settings;
    private final MediaMetrics metrics;
    private final Executor control;
    private final ScheduledExecutorService timers;
    private final String upgradeSignature;
    private final boolean upgradeVerified;
    private final String remote;
    private final AtomicInteger state = new AtomicInteger(AWAITING_START);
    private final MediaMessageScanner scanner = new MediaMessageScanner();
    private final TrackBuffer caller;
    private final TrackBuffer callee;

    private volatile CoreSession session;
    private volatile CallSession call;
    private volatile Runnable release;
    private volatile ScheduledFuture<?> startTimer;
    private volatile String callSidForLogs = "?";

    // Only touched on the I/O side (frames are delivered one at a time).
    private byte[] copy = new byte[1024];
    private byte[] fragments;
    private int fragmentsLength;
    private boolean inFragmentedText;
    private boolean droppingFragments;
    private int consecutiveProblems;
    private long openedNanos;
    private long framesSinceOpen;
    private long lagBaseline = Long.MAX_VALUE;
    private int lagCounter;

    MediaConnection(MediaCallGate gate, MediaSettings settings, MediaMetrics metrics, Executor control,
                    ScheduledExecutorService timers, String upgradeSignature, boolean upgradeVerified, String remote) {
        this.gate = gate;
        this.settings = settings;
        this.metrics = metrics;
        this.control = control;
        this.timers = timers;
        this.upgradeSignature = upgradeSignature;
        this.upgradeVerified = upgradeVerified;
        this.remote = remote;
        int capacity = settings.batchFrames() * MediaSettings.FRAME_BYTES;
        this.caller = new TrackBuffer(Speaker.CALLER, capacity);
        this.callee = new TrackBuffer(Speaker.CALLEE, capacity);
    }

    // ---------------------------------------------------------------- Jetty callbacks (I/O side)

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        this.session = coreSession;
        this.openedNanos = System.nanoTime();
        metrics.socketOpened();
        try {
            startTimer = timers.schedule(this::startTimedOut, settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            callback.succeeded();
            close(CloseStatus.SHUTDOWN, "shutting down");
            coreSession.demand();
            return;
        }
        callback.succeeded();
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        boolean demand = true;
        try {
            switch (frame.getOpCode()) {
                case OpCode.TEXT -> demand = frame.isFin() ? onText(frame.getPayload()) : beginFragments(frame.getPayload());

                case OpCode.CONTINUATION -> demand = continueFragments(frame);
                case OpCode.BINARY -> {
                    if (!frame.isFin()) {
                        droppingFragments = true;
                    }
                    problem("binary_frame");
                }
                case OpCode.CLOSE -> {
                    callback.succeeded(); // Jetty answers the close; onClosed follows
                    return;
                }
                default -> {
                    // PING is answered by Jetty once the callback completes; PONG needs nothing.
                }
            }
        } catch (RuntimeException e) {
            log.error("media socket of call {} failed on a frame; closing it", callSidForLogs, e);
            metrics.problem("internal_error");
            close(CloseStatus.SERVER_ERROR, "internal error");
        }
        callback.succeeded();
        if (demand) {
            session.demand();
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        // Jetty closes the socket after this (timeouts, protocol errors, too-large frames): onClosed follows.
        if (log.isDebugEnabled()) {
            log.debug("media socket of call {} error: {}", callSidForLogs, cause.toString());
        }
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        try {
            cancelStartTimer();
            metrics.socketClosed(closeStatus.getCode());
            int previous = state.getAndSet(ENDED);
            if (previous == STREAMING) {
                flush(caller);
                flush(callee);
                endSession("socket closed (" + closeStatus.getCode() + ")");
            }
            // STARTING: the worker sees ENDED and ends the session it may have started.
        } catch (RuntimeException e) {
            log.error("closing media socket of call {} failed", callSidForLogs, e);
        } finally {
            callback.succeeded();
        }
    }

    // ---------------------------------------------------------------- messages

    /** Returns whether to demand the next frame (false while a start is being authenticated). */
    private boolean onText(ByteBuffer payload) {
        int n = payload.remaining();
        if (payload.hasArray()) {
            int from = payload.arrayOffset() + payload.position();
            return onText(payload.array(), from, from + n);
        }
        if (copy.length < n) {
            copy = new byte[Math.max(n, Math.min(settings.maxMessageBytes(), copy.length * 2))];
        }
        payload.get(payload.position(), copy, 0, n); // one bulk copy beats per-byte reads of a direct buffer
        return onText(copy, 0, n);
    }

    private boolean onText(byte[] bytes, int from, int to) {
        int s = state.get();
        if (s == STREAMING) {
            if (scanner.scan(bytes, from, to) == MediaMessageScanner.MEDIA) {
                onMediaFast(bytes);
            } else {
                onStreamingMessage(parse(bytes, from, to));
            }
            return true;
        }
        if (s == AWAITING_START) {
            return onBeforeStart(parse(bytes, from, to));
        }
        return true; // ENDED (closing) or STARTING (no demand was given, cannot happen): drop
    }

    private void onMediaFast(byte[] payload) {
        TrackBuffer track;
        if (scanner.trackIs(INBOUND) || scanner.trackIs(INBOUND_TRACK)) {
            track = caller;
        } else if (scanner.trackIs(OUTBOUND) || scanner.trackIs(OUTBOUND_TRACK)) {
            track = callee;
        } else {
            problem("unknown_track");
            return;
        }
        int from = scanner.payloadStart;
        int to = scanner.payloadEnd;
        int n = Base64Audio.decodedLength(payload, from, to);
        if (n <= 0) {
            problem(n == 0 ? "empty_payload" : "bad_base64");
            return;
        }
        if (track.length + n > track.data.length) {
            flush(track);
        }
        if (n > track.data.length) {
            byte[] own = new byte[n];
            if (Base64Audio.decode(payload, from, to, own, 0) < 0) {
                problem("bad_base64");
                return;
            }
            accepted(n, scanner.timestampMillis);
            deliver(track.speaker, own);
            return;
        }
        if (Base64Audio.decode(payload, from, to, track.data, track.length) < 0) {
            problem("bad_base64");
            return;
        }
        track.length += n;
        track.frames++;
        accepted(n, scanner.timestampMillis);
        if (track.frames >= settings.batchFrames()) {
            flush(track);
        }
    }

    /** The slow path for a live stream: anything the scanner left to Jackson. */
    private void onStreamingMessage(JsonNode message) {
        if (message == null) {
            problem("malformed_json");
            return;
        }
        String event = message.path("event").asText("");
        switch (event) {
            case "media" -> onMediaSlow(message.path("media"));
            case "mark", "dtmf" -> {
                consecutiveProblems = 0;
                metrics.event(event); // the dtmf digit is a code: never logged
            }
            case "stop" -> {
                consecutiveProblems = 0;
                metrics.event("stop");
                if (state.compareAndSet(STREAMING, ENDED)) {
                    flush(caller);
                    flush(callee);
                    endSession("stop");
                    close(CloseStatus.NORMAL, "stream stopped");
                }
            }
            case "connected", "start" -> problem("unexpected_" + event);
            default -> problem("unknown_event");
        }
    }

    private void onMediaSlow(JsonNode media) {
        String trackName = media.path("track").asText("");
        TrackBuffer track = switch (trackName) {
            case "inbound", "inbound_track" -> caller;
            case "outbound", "outbound_track" -> callee;
            default -> null;
        };
        if (track == null) {
            problem("unknown_track");
            return;
        }
        JsonNode payloadNode = media.path("payload");
        if (!payloadNode.isTextual() || payloadNode.asText().isEmpty()) {
            problem("empty_payload");
            return;
        }
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode(payloadNode.asText());
        } catch (IllegalArgumentException e) {
            problem("bad_base64");
            return;
        }
        long timestamp = -1;
        JsonNode ts = media.path("timestamp");
        if (ts.isTextual() || ts.isIntegralNumber()) {
            try {
                timestamp = Long.parseLong(ts.asText());
            } catch (NumberFormatException ignored) {
                // no lag sample for this frame
            }
        }
        if (track.length + audio.length > track.data.length) {
            flush(track);
        }
        accepted(audio.length, timestamp);
        if (audio.length > track.data.length) {
            deliver(track.speaker, audio);
            return;
        }
        System.arraycopy(audio, 0, track.data, track.length, audio.length);
        track.length += audio.length;
        track.frames++;
        if (track.frames >= settings.batchFrames()) {
            flush(track);
        }
    }

    /** Before authentication: {@code connected} is fine, {@code start} is authenticated, anything else closes. */
    private boolean onBeforeStart(JsonNode message) {
        if (message == null) {
            refuse("malformed_before_start", CloseStatus.POLICY_VIOLATION);
            return true;
        }
        String event = message.path("event").asText("");
        if (event.equals("connected")) {
            return true;
        }
        if (!event.equals("start")) {
            refuse(event.equals("media") ? "media_before_start" : "unexpected_before_start", CloseStatus.POLICY_VIOLATION);
            return true;
        }
        MediaCallGate.StartRequest request = startRequest(message);
        if (request == null) {
            refuse("bad_start", CloseStatus.POLICY_VIOLATION);
            return true;
        }
        if (!state.compareAndSet(AWAITING_START, STARTING)) {
            return true; // timed out meanwhile
        }
        callSidForLogs = request.callSid();
        try {
            control.execute(() -> decideStart(request));
        } catch (RejectedExecutionException e) {
            state.set(AWAITING_START);
            refuse("overloaded", CloseStatus.TRY_AGAIN_LATER);
            return true;
        }
        return false; // reading resumes once the start is decided
    }

    private static MediaCallGate.StartRequest startRequest(JsonNode message) {
        JsonNode start = message.path("start");
        String callSid = start.path("callSid").asText("");
        if (callSid.isEmpty() || callSid.length() > 64) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode custom = start.path("customParameters");
        if (custom.isObject()) {
            custom.fields().forEachRemaining(e -> {
                if (params.size() < 16 && e.getValue().isTextual()) {
                    params.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        List<String> tracks = new ArrayList<>();
        start.path("tracks").forEach(t -> tracks.add(t.asText()));
        JsonNode format = start.path("mediaFormat");
        String streamSid = start.path("streamSid").asText(message.path("streamSid").asText(""));
        return new MediaCallGate.StartRequest(callSid, start.path("accountSid").asText(""), streamSid, tracks, params,
                "", false, format.path("encoding").asText("audio/x-mulaw"), format.path("sampleRate").asInt(8000),
                format.path("channels").asInt(1));
    }

    // ---------------------------------------------------------------- start (worker side)

    private void decideStart(MediaCallGate.StartRequest parsed) {
        MediaCallGate.StartRequest request = new MediaCallGate.StartRequest(parsed.callSid(), parsed.accountSid(),
                parsed.streamSid(), parsed.tracks(), parsed.customParameters(), upgradeSignature, upgradeVerified,
                parsed.mediaEncoding(), parsed.sampleRate(), parsed.channels());
        MediaCallGate.Decision decision;
        try {
            decision = gate.start(request);
        } catch (RuntimeException e) {
            log.error("authenticating the media stream of call {} failed", parsed.callSid(), e);
            decision = new MediaCallGate.Refused("internal_error", CloseStatus.SERVER_ERROR);
        }
        if (decision instanceof MediaCallGate.Accepted accepted) {
            call = accepted.session();
            release = accepted.release();
            metrics.streamStarted();
            if (!state.compareAndSet(STARTING, STREAMING)) {
                // The socket closed while we were deciding: undo.
                endSession("closed during start");
                return;
            }
            cancelStartTimer();
            session.demand();
        } else {
            MediaCallGate.Refused refused = (MediaCallGate.Refused) decision;
            if (state.compareAndSet(STARTING, ENDED)) {
                cancelStartTimer();
                metrics.refused(refused.reason());
                log.warn("media stream refused: call={} reason={} from={}", parsed.callSid(), refused.reason(), remote);
                close(refused.closeCode(), refused.reason());
                session.demand(); // keep reading so the peer's close reply arrives
            }
        }
    }

    private void startTimedOut() {
        if (state.compareAndSet(AWAITING_START, ENDED)) {
            metrics.refused("start_timeout");
            log.warn("media socket from {} sent no valid start within {} ms: closed", remote, settings.startTimeout().toMillis());
            close(CloseStatus.POLICY_VIOLATION, "start_timeout");
        }
    }

    // ---------------------------------------------------------------- audio

    private void accepted(int bytes, long timestampMillis) {
        consecutiveProblems = 0;
        metrics.frame();
        checkRate();
        if (timestampMillis >= 0 && ++lagCounter >= LAG_SAMPLE_EVERY) {
            lagCounter = 0;
            long now = System.nanoTime();
            long streamZero = now - timestampMillis * 1_000_000L;
            if (streamZero < lagBaseline) {
                lagBaseline = streamZero;
            }
            metrics.recordLag(streamZero - lagBaseline);
        }
    }

    /**
     * More frames than the sender could honestly have produced since the socket opened: close. A token bucket
     * refilled at the allowed rate with {@value #BURST_SECONDS} s of slack, because frames legitimately arrive in
     * bursts (they queue while the start is authenticated, or while the network or this node stalls). Checked every
     * 32 frames.
     */
    private void checkRate() {
        if ((++framesSinceOpen & 31) != 0) {
            return;
        }
        long elapsedNanos = System.nanoTime() - openedNanos;
        long allowed = (long) settings.maxFramesPerSecond() * BURST_SECONDS
                + elapsedNanos / 1_000_000L * settings.maxFramesPerSecond() / 1000L;
        if (framesSinceOpen > allowed) {
            metrics.problem("rate_exceeded");
            if (state.compareAndSet(STREAMING, ENDED)) {
                log.warn("media socket of call {} exceeds {} frames/s: closed", callSidForLogs, settings.maxFramesPerSecond());
                flush(caller);
                flush(callee);
                endSession("rate exceeded");
                close(CloseStatus.POLICY_VIOLATION, "rate_exceeded");
            }
        }
    }

    private void flush(TrackBuffer track) {
        if (track.length == 0) {
            return;
        }
        byte[] out;
        if (track.length == track.data.length) {
            out = track.data;
            track.data = new byte[track.data.length]; // the recogniser may keep the array: never reuse it
        } else {
            out = Arrays.copyOf(track.data, track.length);
        }
        track.length = 0;
        track.frames = 0;
        deliver(track.speaker, out);
    }

    private void deliver(Speaker speaker, byte[] audio) {
        CallSession c = call;
        if (c == null) {
            return;
        }
        metrics.audio(audio.length);
        c.onAudio(speaker, audio);
        if (c.isEnded() && state.compareAndSet(STREAMING, ENDED)) {
            // The call ended elsewhere (status callback, shutdown): nothing more to listen to.
            endSession("call ended");
            close(CloseStatus.NORMAL, "call ended");
        }
    }

    private void problem(String kind) {
        metrics.problem(kind);
        if (log.isDebugEnabled()) {
            log.debug("media socket of call {}: unusable message ({})", callSidForLogs, kind);
        }
        if (++consecutiveProblems >= MAX_CONSECUTIVE_PROBLEMS && state.get() == STREAMING
                && state.compareAndSet(STREAMING, ENDED)) {
            log.warn("media socket of call {}: {} unusable messages in a row, closing", callSidForLogs, consecutiveProblems);
            flush(caller);
            flush(callee);
            endSession("too many bad messages");
            close(CloseStatus.BAD_DATA, "too many unusable messages");
        }
    }

    // ---------------------------------------------------------------- fragments (rare: Twilio sends whole frames)

    private boolean beginFragments(ByteBuffer payload) {
        inFragmentedText = true;
        droppingFragments = false;
        fragmentsLength = 0;
        if (fragments == null) {
            fragments = new byte[Math.min(settings.maxMessageBytes(), 4096)];
        }
        return append(payload);
    }

    private boolean continueFragments(Frame frame) {
        if (droppingFragments) {
            if (frame.isFin()) {
                droppingFragments = false;
            }
            return true;
        }
        if (!inFragmentedText) {
            problem("stray_continuation");
            return true;
        }
        if (!append(frame.getPayload())) {
            return true;
        }
        if (frame.isFin()) {
            inFragmentedText = false;
            return onText(fragments, 0, fragmentsLength);
        }
        return true;
    }

    private boolean append(ByteBuffer payload) {
        int n = payload.remaining();
        if (fragmentsLength + n > settings.maxMessageBytes()) {
            inFragmentedText = false;
            metrics.problem("message_too_large");
            close(CloseStatus.MESSAGE_TOO_LARGE, "message too large");
            if (state.getAndSet(ENDED) == STREAMING) {
                flush(caller);
                flush(callee);
                endSession("message too large");
            }
            return false;
        }
        if (fragmentsLength + n > fragments.length) {
            fragments = Arrays.copyOf(fragments, Math.min(settings.maxMessageBytes(), Math.max(fragments.length * 2, fragmentsLength + n)));
        }
        payload.slice().get(fragments, fragmentsLength, n);
        fragmentsLength += n;
        return true;
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode parse(byte[] bytes, int from, int to) {
        try {
            JsonNode node = JSON.readTree(bytes, from, to - from);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private void refuse(String reason, int code) {
        if (state.getAndSet(ENDED) == ENDED) {
            return;
        }
        cancelStartTimer();
        metrics.refused(reason);
        log.warn("media socket from {} refused: {}", remote, reason);
        close(code, reason);
    }

    /** Ends the call session off the I/O thread (it writes the call log and usage). */
    private void endSession(String why) {
        CallSession c = call;
        Runnable r = release;
        if (c == null) {
            return;
        }
        call = null;
        release = null;
        metrics.streamEnded();
        Runnable end = () -> {
            try {
                c.end();
            } catch (RuntimeException e) {
                log.error("ending the session of call {} ({}) failed", c.callSid(), why, e);
            } finally {
                if (r != null) {
                    r.run();
                }
            }
        };
        try {
            control.execute(end);
        } catch (RejectedExecutionException e) {
            end.run(); // shutting down: better late on this thread than never
        }
    }

    private void cancelStartTimer() {
        ScheduledFuture<?> t = startTimer;
        if (t != null) {
            t.cancel(false);
        }
    }

    private void close(int code, String reason) {
        CoreSession s = session;
        if (s != null && s.isOutputOpen()) {
            s.close(code, reason, Callback.NOOP);
        }
    }

    /** Audio of one track waiting to reach the recogniser. */
    private static final class TrackBuffer {
        final Speaker speaker;
        byte[] data;
        int length;
        int frames;

        TrackBuffer(Speaker speaker, int capacity) {
            this.speaker = speaker;
            this.data = new byte[capacity];
        }
    }
}
