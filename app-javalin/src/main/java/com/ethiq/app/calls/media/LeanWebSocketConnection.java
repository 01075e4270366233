package com.ethiq.app.calls.media;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * A media socket's connection after Jetty's upgrade that reads its frames with a {@link MediaFrameReader} straight
 * from the network buffer: data frames go to the {@link MediaFrameSink} as array slices (no {@code Frame}, no buffer
 * slice, no lock per frame); the rare control frames (close, ping, pong) go to Jetty's session as Jetty's parser would
 * hand them, so the close handshake, pongs, idle timeouts, errors and every write stay Jetty's (server frames are
 * framed by Jetty's generator). Why a hand-written reader at all: see {@link MediaFrameReader}.
 *
 * <p>Reading: on the selector thread (the parent's non-blocking read interest), until a read comes back empty; then
 * read interest is registered again and the pooled buffer given back unless it holds part of a frame. A sink that
 * returns false (a start being authenticated) pauses reading until the session's {@code demand()}, which resumes it
 * on the connector's executor; a control frame needs a {@code demand()} before the next, as with Jetty. Protocol
 * errors fail the session with Jetty's exceptions and codes ({@code processConnectionError}) and reading stops; after
 * a close frame the rest of the input is discarded up to the end of stream.
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

    /** Jetty's validation wants incoming control frames masked; their payload is already unmasked, so a zero mask. */
    private static final byte[] ZERO_MASK = new byte[4];

    private final AtomicInteger io = new AtomicInteger(PAUSED);
    private final ByteBufferPool pool;
    private final WebSocketCoreSession session;
    private final MediaFrameSink sink;
    private final MediaFrameReader reader;
    private final Callback controlDone = new ControlDone();
    private volatile Throwable closeCause;

    // Reader side only (the thread that holds READING).
    private RetainableByteBuffer network;
    private boolean inputClosed;
    private long bytesIn;
    private long messagesIn;

    LeanWebSocketConnection(EndPoint endPoint, Executor executor, Scheduler scheduler, ByteBufferPool pool,
                            WebSocketCoreSession session, MediaFrameSink sink) {
        super(endPoint, executor, scheduler, pool, session);
        this.pool = pool;
        this.session = session;
        this.sink = sink;
        long max = session.getMaxFrameSize();
        this.reader = new MediaFrameReader((int) Math.min(max > 0 ? max : Integer.MAX_VALUE,
                Integer.MAX_VALUE - MediaFrameReader.MAX_HEADER_BYTES));
    }

    // ---------------------------------------------------------------- Jetty's connection life

    /** Bytes that came with the upgrade request: read them first. */
    @Override
    public void onUpgradeTo(ByteBuffer initial) {
        if (initial != null && initial.hasRemaining()) {
            acquire(Math.max(getInputBufferSize(), initial.remaining()));
            ByteBuffer buffer = network.getByteBuffer();
            buffer.clear();
            buffer.put(initial);
            buffer.flip();
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
                release();
                super.onClose(cause);
                return;
            }
        }
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
                if (network != null && network.hasRemaining()) {
                    ByteBuffer buffer = network.getByteBuffer();
                    if (inputClosed) {
                        buffer.position(buffer.limit()); // after a close frame: nothing more is read
                    } else {
                        int base = buffer.arrayOffset();
                        int next = reader.read(buffer.array(), base + buffer.position(), base + buffer.limit(), this);
                        buffer.position(next - base);
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
                    release();
                    inputOver();
                    session.onEof();
                    return;
                }
                if (filled == 0) {
                    park(); // the buffer is held between wake-ups only while it holds part of a frame
                    if (waitForSelector()) {
                        fillInterested();
                    }
                    return;
                }
                bytesIn += filled;
            }
        } catch (Throwable failure) {
            if (network != null) {
                network.getByteBuffer().position(network.getByteBuffer().limit());
            }
            release();
            inputOver();
            session.processConnectionError(failure, Callback.NOOP);
        }
    }

    /**
     * Fills the buffer after the bytes it holds, making room first: a full-size buffer (or one that holds the frame
     * begun, if larger) in place of a parked one, the part of a frame moved to the front.
     */
    private int fill() throws java.io.IOException {
        if (network == null) {
            acquire(getInputBufferSize());
        }
        ByteBuffer buffer = network.getByteBuffer();
        int size = Math.max(getInputBufferSize(), reader.needed());
        if (buffer.capacity() < size) {
            buffer = moveTo(size);
        } else if (!buffer.hasRemaining()) {
            buffer.clear().flip();
        } else if (buffer.position() > 0) {
            buffer.compact().flip(); // part of a frame: to the front, where the rest of it fits
        }
        return getEndPoint().fill(buffer);
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

    /**
     * At the end of a pass: gives the buffer back if empty; if it holds part of a frame, parks those bytes in a buffer
     * of their own size, so an idle socket holds a few hundred bytes, not a full input buffer, between wake-ups.
     */
    private void park() {
        if (network == null) {
            return;
        }
        int remaining = network.getByteBuffer().remaining();
        if (remaining == 0) {
            release();
        } else if (remaining <= network.capacity() / 4) {
            moveTo(Math.max(remaining, Math.min(reader.needed(), 4 * 1024)));
        }
    }

    /** Moves the bytes not yet read to the front of a new pooled buffer of {@code capacity}, giving the old one back. */
    private ByteBuffer moveTo(int capacity) {
        RetainableByteBuffer other = pool.acquire(capacity, false);
        ByteBuffer to = other.getByteBuffer();
        to.clear();
        to.put(network.getByteBuffer());
        to.flip();
        release();
        network = other;
        return to;
    }

    private void finishClose() {
        io.set(CLOSED);
        release();
        super.onClose(closeCause);
    }

    private void acquire(int capacity) {
        network = pool.acquire(capacity, false);
        network.getByteBuffer().clear().flip();
    }

    private void release() {
        RetainableByteBuffer n = network;
        if (n != null) {
            network = null;
            n.getByteBuffer().clear();
            n.release();
        }
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
