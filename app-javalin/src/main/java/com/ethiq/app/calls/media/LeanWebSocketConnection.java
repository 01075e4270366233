package com.ethiq.app.calls.media;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * A media socket's connection after Jetty's upgrade that reads its frames with a {@link MediaFrameReader} straight
 * from its input buffer: data frames go to the {@link MediaFrameSink} as array slices (no {@code Frame}, no buffer
 * slice, no lock per frame); the rare control frames (close, ping, pong) go to Jetty's session as Jetty's parser would
 * hand them, so the close handshake, pongs, idle timeouts, errors and every write stay Jetty's (server frames are
 * framed by Jetty's generator). Why a hand-written reader at all: see {@link MediaFrameReader}.
 *
 * <p>Reading: on the selector thread (the parent's non-blocking read interest), until a read comes back empty; then
 * read interest is registered again. A sink that returns false (a start being authenticated) pauses reading until the
 * session's {@code demand()}, which resumes it on the connector's executor; a control frame needs a {@code demand()}
 * before the next, as with Jetty. Protocol errors fail the session with Jetty's exceptions and codes
 * ({@code processConnectionError}) and reading stops; after a close frame the rest of the input is discarded up to
 * the end of stream.
 *
 * <p>The input buffer is the connection's own, a heap buffer made with it and kept for its life (grown only for a
 * frame larger than it), not one taken from Jetty's pool per wake-up: a media socket is woken 50-100 times a second
 * for its whole life, and taking and giving back a pooled buffer each time stored a fresh reference into this
 * long-lived object (and into the pool's entries) per wake-up, each a card for G1's concurrent refinement to scan
 * (11-15 % of the server's CPU in load runs; docs/performance.md). A wake-up stores no reference anywhere here.
 *
 * <p>Threads: one {@link AtomicInteger} says who may touch the buffer. The reader holds it ({@code READING}) from the
 * wake-up to the end of its pass; {@code demand()} from another thread either marks a running reader or restarts a
 * paused one; a close of the end point while a pass runs is finished by that pass (the session's end then runs
 * exactly as Jetty's connection runs it, {@code super.onClose}). Two atomic operations per wake-up, none per frame.
 */
final class LeanWebSocketConnection extends DirectWebSocketConnection implements MediaFrameReader.Frames {
    private static final int IDLE = 0;      // waiting for the selector: read interest registered
    private static final int READING = 1;   // a thread is in readLoop and owns the buffer
    private static final int DEMANDED = 2;  // READING, and demand() came meanwhile
    private static final int PAUSED = 3;    // no reading until demand()
    private static final int DONE = 4;      // input over (protocol error, end of stream): nothing more is read
    private static final int CLOSING = 5;   // the end point closed during a pass: the pass finishes the close
    private static final int CLOSED = 6;

    /**
     * The input buffer's first size: a dozen Twilio media frames (~350 bytes each), a few 20 ms pairs of a sender
     * that fell behind; a burst larger than this is read in several system calls of one pass.
     */
    static final int INPUT_BYTES = 4 * 1024;

    /** Jetty's validation wants incoming control frames masked; their payload is already unmasked, so a zero mask. */
    private static final byte[] ZERO_MASK = new byte[4];

    private final AtomicInteger io = new AtomicInteger(PAUSED);
    private final WebSocketCoreSession session;
    private final MediaFrameSink sink;
    private final MediaFrameReader reader;
    private final int maxBufferBytes;
    private final Callback controlDone = new ControlDone();
    private volatile Throwable closeCause;

    // Reader side only (the thread that holds READING).
    /** Bytes received and not yet read as frames, between position and limit (in flush mode between passes). */
    private ByteBuffer input = ByteBuffer.allocate(INPUT_BYTES).limit(0);
    private boolean inputClosed;
    private long bytesIn;
    private long messagesIn;

    LeanWebSocketConnection(EndPoint endPoint, Executor executor, Scheduler scheduler, ByteBufferPool pool,
                            WebSocketCoreSession session, MediaFrameSink sink) {
        super(endPoint, executor, scheduler, pool, session);
        this.session = session;
        this.sink = sink;
        long max = session.getMaxFrameSize();
        int maxFrameBytes = (int) Math.min(max > 0 ? max : Integer.MAX_VALUE, Integer.MAX_VALUE - MediaFrameReader.MAX_HEADER_BYTES);
        this.reader = new MediaFrameReader(maxFrameBytes);
        this.maxBufferBytes = maxFrameBytes + MediaFrameReader.MAX_HEADER_BYTES;
    }

    // ---------------------------------------------------------------- Jetty's connection life

    /** Bytes that came with the upgrade request: read them first. */
    @Override
    public void onUpgradeTo(ByteBuffer initial) {
        if (initial != null && initial.hasRemaining()) {
            if (initial.remaining() > input.capacity()) {
                input = ByteBuffer.allocate(initial.remaining());
            }
            input.clear();
            input.put(initial).flip();
        }
    }

    @Override
    public void onOpen() {
        if (!io.compareAndSet(PAUSED, READING)) {
            super.onOpen(); // closed before it opened: Jetty's parent does nothing more
            return;
        }
        super.onOpen(); // opens the session: the handler's onOpen demands (moreDemand() below keeps the parent out)
        if (resumeAfterHandler()) {
            readLoop();
        }
    }

    /** The parent's reading is never used: this tells its {@code onOpen} not to start it. */
    @Override
    public boolean moreDemand() {
        return false;
    }

    /** The session's {@code demand()}, from the reading thread (control frames) or a worker (after a pause). */
    @Override
    public void demand() {
        while (true) {
            int s = io.get();
            if (s == READING) {
                if (io.compareAndSet(READING, DEMANDED)) {
                    return;
                }
            } else if (s == PAUSED) {
                if (io.compareAndSet(PAUSED, READING)) {
                    getExecutor().execute(this);
                    return;
                }
            } else {
                return; // reading on read interest already, or over
            }
        }
    }

    /** The session calls this on a close frame (it then reads to the end of stream) and on abort. */
    @Override
    public void cancelDemand() {
        // Nothing to do: after a close frame this reader discards the rest of the input itself.
    }

    @Override
    public void onFillable() {
        if (io.compareAndSet(IDLE, READING)) {
            readLoop();
        }
    }

    /** A resumed reader (after {@link #demand} found it paused), on the connector's executor. */
    @Override
    public void run() {
        readLoop();
    }

    @Override
    public void onClose(Throwable cause) {
        while (true) {
            int s = io.get();
            if (s == READING || s == DEMANDED) {
                closeCause = cause;
                if (io.compareAndSet(s, CLOSING)) {
                    return; // the pass in progress finishes the close
                }
            } else if (s == CLOSING || s == CLOSED) {
                return;
            } else if (io.compareAndSet(s, CLOSED)) {
                super.onClose(cause);
                return;
            }
        }
    }

    /** For Jetty's dumps and the start-timeout diagnostic: the reader's state (read racily from another thread). */
    @Override
    public String toConnectionString() {
        return String.format("%s@%x[io=%d,buffered=%d,bytesIn=%d,messagesIn=%d]", getClass().getSimpleName(), hashCode(),
                io.get(), input.remaining(), bytesIn, messagesIn);
    }

    @Override
    public long getMessagesIn() {
        return messagesIn;
    }

    @Override
    public long getBytesIn() {
        return bytesIn;
    }

    // ---------------------------------------------------------------- the reader (thread holding READING)

    private void readLoop() {
        try {
            while (true) {
                ByteBuffer buffer = input;
                if (buffer.hasRemaining()) {
                    if (inputClosed) {
                        buffer.position(buffer.limit()); // after a close frame: nothing more is read
                    } else {
                        buffer.position(reader.read(buffer.array(), buffer.position(), buffer.limit(), this));
                        if (reader.stopped() && !inputClosed) {
                            if (!resumeAfterHandler()) {
                                return;
                            }
                            continue;
                        }
                    }
                }
                if (io.get() == CLOSING) {
                    finishClose();
                    return;
                }
                int filled = fill();
                if (filled < 0) {
                    inputOver();
                    session.onEof();
                    return;
                }
                if (filled == 0) {
                    if (waitForSelector()) {
                        fillInterested();
                    }
                    return;
                }
                bytesIn += filled;
            }
        } catch (Throwable failure) {
            input.position(input.limit());
            inputOver();
            session.processConnectionError(failure, Callback.NOOP);
        }
    }

    /**
     * Fills the buffer after the bytes it holds, making room first: the part of a frame it holds moved to the front,
     * or to a larger buffer if the frame (its header read) does not fit in this one.
     */
    private int fill() throws java.io.IOException {
        ByteBuffer buffer = input;
        int needed = reader.needed();
        if (needed > buffer.capacity()) {
            buffer = grow(needed);
        } else if (!buffer.hasRemaining()) {
            buffer.position(0).limit(0);
        } else if (buffer.position() > 0) {
            buffer.compact().flip(); // part of a frame: to the front, where the rest of it fits
        }
        return getEndPoint().fill(buffer);
    }

    /** A buffer that holds a frame of {@code needed} bytes, with the bytes not yet read moved to its front. */
    private ByteBuffer grow(int needed) {
        ByteBuffer larger = ByteBuffer.allocate(Math.max(needed, Math.min(2 * input.capacity(), maxBufferBytes)));
        larger.put(input).flip();
        input = larger;
        return larger;
    }

    @Override
    public boolean onData(byte opcode, boolean fin, byte[] bytes, int from, int to) {
        messagesIn++;
        return sink.onDataFrame(opcode, fin, bytes, from, to);
    }

    /**
     * A control frame, as Jetty's parser would make it, to Jetty's session: it answers a ping, replies to a close and
     * ends the session, and calls the handler, which demands the next frame (a close needs none: the rest is discarded).
     */
    @Override
    public boolean onControl(byte opcode, byte[] bytes, int from, int to) {
        messagesIn++;
        ByteBuffer payload = ByteBuffer.allocate(to - from);
        payload.put(bytes, from, to - from).flip();
        Frame.Parsed frame = new Frame.Parsed((byte) (0x80 | opcode), ZERO_MASK, payload, null);
        if (opcode == OpCode.CLOSE) {
            inputClosed = true; // readLoop discards what follows
            session.onFrame(frame, controlDone);
            return false;
        }
        session.onFrame(frame, controlDone);
        // Read on only if the handler demanded; else pause (or finish a close that happened meanwhile).
        return io.compareAndSet(DEMANDED, READING);
    }

    /**
     * After a handler said stop or a control frame: whether the pass goes on (demand came) or pauses; a close of the
     * end point meanwhile is finished here.
     */
    private boolean resumeAfterHandler() {
        while (true) {
            int s = io.get();
            if (s == DEMANDED) {
                if (io.compareAndSet(DEMANDED, READING)) {
                    return true;
                }
            } else if (s == READING) {
                if (io.compareAndSet(READING, PAUSED)) {
                    return false;
                }
            } else if (s == CLOSING) {
                finishClose();
                return false;
            } else {
                return false;
            }
        }
    }

    /** The pass ends with the socket drained: whether to register read interest (not if it closed meanwhile). */
    private boolean waitForSelector() {
        while (true) {
            int s = io.get();
            if (s == READING || s == DEMANDED) {
                if (io.compareAndSet(s, IDLE)) {
                    return true;
                }
            } else if (s == CLOSING) {
                finishClose();
                return false;
            } else {
                return false;
            }
        }
    }

    /** The input is over (error, end of stream): this pass ends and no other starts. */
    private void inputOver() {
        while (true) {
            int s = io.get();
            if (s == READING || s == DEMANDED) {
                if (io.compareAndSet(s, DONE)) {
                    return;
                }
            } else if (s == CLOSING) {
                finishClose();
                return;
            } else {
                return;
            }
        }
    }

    private void finishClose() {
        io.set(CLOSED);
        super.onClose(closeCause);
    }

    /** A control frame's end: its payload is a copy, nothing to release; a failure is the handler's (Jetty's rule). */
    private final class ControlDone implements Callback {
        @Override
        public void succeeded() {
        }

        @Override
        public void failed(Throwable cause) {
            session.processHandlerError(cause, NOOP);
        }
    }
}
