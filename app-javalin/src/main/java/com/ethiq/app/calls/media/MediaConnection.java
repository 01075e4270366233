package com.ethiq.app.calls.media;

import com.ethiq.adapter.twilio.media.MediaStreamEvent;
import com.ethiq.adapter.twilio.media.MediaStreamEvent.Rejected;
import com.ethiq.adapter.twilio.media.MediaStreamEvent.Start;
import com.ethiq.adapter.twilio.media.MediaStreamProtocol;
import com.ethiq.adapter.twilio.media.StreamClose;
import com.ethiq.adapter.twilio.media.StreamProblem;
import com.ethiq.app.metrics.MediaMetrics;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.usecase.CallSession;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport of one Twilio media stream socket, from upgrade to close: WebSocket frames in, their text to the
 * {@link MediaStreamProtocol} (which says what each message means and when the stream must close), the start to the
 * {@link MediaStartGate} (on a worker thread, with reading paused), audio through {@link AudioBatches} to the call
 * session. The socket owns its state alone: nothing here is shared with another call.
 *
 * <p>Frames come from a {@link LeanWebSocketConnection} (data frames through {@link #onDataFrame} as array slices,
 * control frames through Jetty's session) or, with {@code ETHIQ_MEDIA_FRAME_READER=jetty}, all through {@link #onFrame}.
 *
 * <p>Threads: frames arrive one at a time on Jetty's selector thread and must never block there; the start decision,
 * the end of the session and the timers run elsewhere and meet the I/O side only through {@link #state}. Never throws
 * to Jetty: any failure closes the socket cleanly. Every way a stream ends goes through {@link #endStream}.
 */
final class MediaConnection implements FrameHandler, MediaFrameSink, DataFrames.Messages, MediaStreamProtocol.Listener {
    private static final Logger log = LoggerFactory.getLogger(MediaConnection.class);
    private static final int LAG_SAMPLE_EVERY = 8;

    private final MediaStartGate gate;
    private final MediaSettings settings;
    private final MediaMetrics metrics;
    private final Executor control;
    private final ScheduledExecutorService timers;
    private final MediaUpgrade upgrade;
    private final AtomicReference<SocketState> state = new AtomicReference<>(SocketState.AWAITING_START);
    private final MediaStreamProtocol protocol;
    private final AudioBatches batches;

    private volatile CoreSession session;
    private volatile CallSession call;
    private volatile Runnable release;
    private volatile ScheduledFuture<?> startTimer;
    private volatile String callSidForLogs = "?";

    // Only touched on the I/O side (frames are delivered one at a time).
    private final DataFrames frames;
    private boolean readOn;
    private long lagBaseline = Long.MAX_VALUE;
    private int lagCounter;

    MediaConnection(MediaStartGate gate, MediaSettings settings, MediaMetrics metrics, Executor control,
                    ScheduledExecutorService timers, MediaUpgrade upgrade) {
        this.gate = gate;
        this.settings = settings;
        this.metrics = metrics;
        this.control = control;
        this.timers = timers;
        this.upgrade = upgrade;
        this.protocol = new MediaStreamProtocol(this, settings.maxFramesPerSecond(), System::nanoTime);
        this.batches = new AudioBatches(settings.batchFrames(), MediaSettings.FRAME_BYTES, this::deliver);
        this.frames = new DataFrames(settings.maxMessageBytes(), this);
    }

    // ---------------------------------------------------------------- Jetty callbacks (I/O side)

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        this.session = coreSession;
        metrics.socketOpened();
        try {
            startTimer = timers.schedule(this::startTimedOut, settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            endStream(null, CloseStatus.SHUTDOWN, "shutting down", "shutting down", null);
        }
        callback.succeeded();
        coreSession.demand();
    }

    /** Every frame from Jetty's reader; only control frames from the lean one (data: {@link #onDataFrame}). */
    @Override
    public void onFrame(Frame frame, Callback callback) {
        boolean demand = true;
        byte opcode = frame.getOpCode();
        switch (opcode) {
            case OpCode.TEXT, OpCode.CONTINUATION, OpCode.BINARY -> {
                try {
                    demand = frames.onFrame(opcode, frame.isFin(), frame.getPayload());
                } catch (RuntimeException e) {
                    demand = failed(e);
                }
            }
            case OpCode.CLOSE -> {
                callback.succeeded(); // Jetty answers the close; onClosed follows
                return;
            }
            case OpCode.PING -> Pongs.answer(session, frame.getPayload());
            default -> {
                // PONG needs nothing.
            }
        }
        callback.succeeded();
        if (demand) {
            session.demand();
        }
    }

    /** A data frame's payload, in place (hot path: the lean reader calls this for every media frame). */
    @Override
    public boolean onDataFrame(byte opcode, boolean fin, byte[] bytes, int from, int to) {
        try {
            return frames.onFrame(opcode, fin, bytes, from, to);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    private boolean failed(RuntimeException e) {
        log.error("media socket of call {} failed on a frame; closing it", callSidForLogs, e);
        metrics.problem("internal_error");
        endStream(null, CloseStatus.SERVER_ERROR, "internal error", "internal error", null);
        return true;
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
            metrics.socketClosed(closeStatus.getCode());
            endStream(null, 0, null, "socket closed (" + closeStatus.getCode() + ")", null);
        } catch (RuntimeException e) {
            log.error("closing media socket of call {} failed", callSidForLogs, e);
        } finally {
            callback.succeeded();
        }
    }

    // ---------------------------------------------------------------- messages (I/O side)

    /** Whether messages are read at all: not while a start is decided, nor once ended. */
    private boolean reading() {
        SocketState s = state.get();
        return s == SocketState.STREAMING || s == SocketState.AWAITING_START;
    }

    /** Returns whether to demand the next frame (false while a start is being authenticated). */
    @Override
    public boolean onText(byte[] bytes, int from, int to) {
        if (!reading()) {
            return true; // ENDED (closing): drop
        }
        readOn = true;
        protocol.onText(bytes, from, to);
        return readOn;
    }

    @Override
    public void onBinary() {
        if (reading()) {
            protocol.onBinary();
        }
    }

    @Override
    public void onTooLarge() {
        if (reading()) {
            protocol.onTooLarge();
        }
    }

    @Override
    public void onStrayContinuation() {
        if (reading()) {
            protocol.onStrayContinuation();
        }
    }

    /** Hot path: one decoded frame, valid during this call only. */
    @Override
    public void onAudio(Speaker speaker, byte[] audio, int offset, int length, long timestampMillis) {
        metrics.frame();
        if (timestampMillis >= 0 && ++lagCounter >= LAG_SAMPLE_EVERY) {
            lagCounter = 0;
            long streamZero = System.nanoTime() - timestampMillis * 1_000_000L;
            if (streamZero < lagBaseline) {
                lagBaseline = streamZero;
            }
            metrics.recordLag(streamZero - lagBaseline);
        }
        batches.add(speaker, audio, offset, length);
    }

    @Override
    public void onEvent(MediaStreamEvent event) {
        if (event instanceof Start start) {
            readOn = !beginStart(start);
        } else if (event instanceof Rejected rejected) {
            onRejected(rejected);
        } else if (event instanceof MediaStreamEvent.Stop) {
            metrics.event("stop");
            endStream(SocketState.STREAMING, CloseStatus.NORMAL, "stream stopped", "stop", null);
        } else if (event instanceof MediaStreamEvent.Mark || event instanceof MediaStreamEvent.Dtmf) {
            metrics.event(event instanceof MediaStreamEvent.Mark ? "mark" : "dtmf"); // a dtmf digit is a code: never logged
        }
        // Connected: nothing to do. Audio comes through onAudio.
    }

    private void onRejected(Rejected rejected) {
        String code = rejected.problem().code();
        if (rejected.close() == StreamClose.NONE) {
            metrics.problem(code);
            if (log.isDebugEnabled()) {
                log.debug("media socket of call {}: unusable message ({})", callSidForLogs, code);
            }
            return;
        }
        boolean beforeStart = state.get() == SocketState.AWAITING_START;
        String reason = rejected.problem() == StreamProblem.INVALID_UTF8 ? "invalid utf-8"
                : rejected.close() == StreamClose.BAD_DATA ? "too many unusable messages" : code;
        endStream(null, rejected.close().code(), reason, code, () -> {
            if (beforeStart) {
                metrics.refused(code);
                upgrade.refusals().refused(upgrade.source(), code);
            } else {
                metrics.problem(code);
                log.warn("media socket of call {} closed ({}): {}", callSidForLogs, rejected.close().code(), reason);
            }
        });
    }

    /** Returns whether the start went to a worker (reading pauses until it is decided). */
    private boolean beginStart(Start start) {
        if (!state.compareAndSet(SocketState.AWAITING_START, SocketState.STARTING)) {
            return false; // timed out meanwhile
        }
        callSidForLogs = start.callSid();
        try {
            control.execute(() -> decideStart(start));
            return true;
        } catch (RejectedExecutionException e) {
            endStream(null, CloseStatus.TRY_AGAIN_LATER, "overloaded", "overloaded", () -> {
                metrics.refused("overloaded");
                upgrade.refusals().refused(upgrade.source(), "overloaded");
            });
            return false;
        }
    }

    // ---------------------------------------------------------------- start (worker side)

    private void decideStart(Start start) {
        MediaStartGate.Decision decision;
        try {
            decision = gate.start(new MediaStartGate.StartRequest(start, upgrade.signature(), upgrade.verified()));
        } catch (RuntimeException e) {
            log.error("authenticating the media stream of call {} failed", start.callSid(), e);
            decision = new MediaStartGate.Refused("internal_error", CloseStatus.SERVER_ERROR);
        }
        if (decision instanceof MediaStartGate.Accepted accepted) {
            // Authenticated: no longer a stranger waiting on its source's allowance, and its signature is now known good.
            upgrade.waiting().run();
            upgrade.admission().learned(upgrade.signature());
            call = accepted.session();
            release = accepted.release();
            metrics.streamStarted();
            if (!state.compareAndSet(SocketState.STARTING, SocketState.STREAMING)) {
                endSession("closed during start"); // the socket closed while we were deciding: undo
                return;
            }
            cancelStartTimer();
            session.demand();
        } else {
            MediaStartGate.Refused refused = (MediaStartGate.Refused) decision;
            if (endStream(SocketState.STARTING, refused.closeCode(), refused.reason(), "refused", () -> {
                metrics.refused(refused.reason());
                upgrade.refusals().refused(upgrade.source(), refused.reason());
                if (log.isDebugEnabled()) {
                    log.debug("media stream refused: call={} reason={} from={}", start.callSid(), refused.reason(), upgrade.source());
                }
            })) {
                session.demand(); // keep reading so the peer's close reply arrives
            }
        }
    }

    private void startTimedOut() {
        if (log.isDebugEnabled() && session instanceof org.eclipse.jetty.websocket.core.WebSocketCoreSession s) {
            log.debug("media socket from {}: no start in time; transport {}", upgrade.source(), s.getConnection().getEndPoint());
        }
        endStream(SocketState.AWAITING_START, CloseStatus.POLICY_VIOLATION, "start_timeout", "start timeout", () -> {
            metrics.refused("start_timeout");
            upgrade.refusals().refused(upgrade.source(), "start_timeout");
        });
    }

    // ---------------------------------------------------------------- audio and the end

    private void deliver(Speaker speaker, byte[] audio) {
        CallSession c = call;
        if (c == null) {
            return;
        }
        metrics.audio(audio.length);
        c.onAudio(speaker, audio);
        if (c.isEnded()) {
            // The call ended elsewhere (status callback, shutdown): nothing more to listen to.
            endStream(SocketState.STREAMING, CloseStatus.NORMAL, "call ended", "call ended", null);
        }
    }

    /**
     * The one way a stream ends, from any thread: marks the socket ENDED (once), delivers the audio still batched and
     * ends the call session if it was streaming, and closes the socket with {@code closeCode} (0: it is already
     * closed). A start being decided meanwhile sees ENDED and undoes its session itself.
     *
     * @param onlyFrom end only if the socket is in this state (null: any state but ENDED)
     * @param report   counts and logs why (before the close, so the peer never sees the close first), or null
     * @return whether this call ended the stream
     */
    private boolean endStream(SocketState onlyFrom, int closeCode, String reason, String why, Runnable report) {
        SocketState previous;
        do {
            previous = state.get();
            if (previous == SocketState.ENDED || (onlyFrom != null && previous != onlyFrom)) {
                return false;
            }
        } while (!state.compareAndSet(previous, SocketState.ENDED));
        cancelStartTimer();
        upgrade.waiting().run(); // idempotent: a place given back at the start is not given back twice
        if (report != null) {
            report.run();
        }
        if (previous == SocketState.STREAMING) {
            batches.flush();
            endSession(why);
        }
        CoreSession s = session;
        if (closeCode != 0 && s != null && s.isOutputOpen()) {
            s.close(closeCode, reason, Callback.NOOP);
        }
        return true;
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
}
