package com.ethiq.app.calls.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.sim.MediaMessages;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.core.Behavior;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.ExtensionStack;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.Negotiated;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lean connection's wake-ups, one at a time on the test thread: a {@link ByteArrayEndPoint} wakes its read interest
 * in place when input is added, so each {@code addInput} is one selector wake-up of a real socket. The input buffer is
 * the connection's own: no wake-up asks Jetty's pool for one, nor allocates.
 */
class LeanWebSocketConnectionTest {

    private final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler();
    private final CountingPool pool = new CountingPool();
    private final Sink sink = new Sink();
    private ByteArrayEndPoint endPoint;

    @BeforeEach
    void open() throws Exception {
        scheduler.start();
        endPoint = new ByteArrayEndPoint(scheduler, 60_000);
        WebSocketComponents components = new WebSocketComponents();
        ExtensionStack extensions = new ExtensionStack(components, Behavior.SERVER);
        extensions.negotiate(List.of(), List.of());
        WebSocketCoreSession session = new WebSocketCoreSession(sink, Behavior.SERVER, Negotiated.from(extensions), components);
        session.setMaxFrameSize(16384);
        LeanWebSocketConnection connection = new LeanWebSocketConnection(endPoint, Runnable::run, scheduler, pool, session, sink);
        session.setWebSocketConnection(connection);
        endPoint.setConnection(connection);
        connection.onOpen();
    }

    @AfterEach
    void close() throws Exception {
        endPoint.close();
        scheduler.stop();
    }

    @Test
    void manyWakeUpsAreReadWithNoBufferFromThePoolAndNoAllocation() {
        byte[] pair = ClientFrames.concat(frame(media("inbound")), frame(media("outbound")));
        int warmUp = 20_000;
        int measured = 20_000;
        List<ByteBuffer> wakeUps = new ArrayList<>();
        for (int i = 0; i < warmUp + measured; i++) {
            wakeUps.add(ByteBuffer.wrap(pair.clone())); // made before, so only the reading is measured
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmUp; i++) {
            endPoint.addInput(wakeUps.get(i));
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = warmUp; i < warmUp + measured; i++) {
            endPoint.addInput(wakeUps.get(i));
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(sink.frames.get()).as("every frame of every wake-up read").isEqualTo(2 * (warmUp + measured));
        assertThat(pool.acquired.get()).as("buffers asked of Jetty's pool").isZero();
        assertThat((double) allocated / measured).as("bytes allocated per wake-up").isLessThan(1.0);
    }

    @Test
    void aFrameLargerThanTheBufferArrivingInPiecesIsReadWholeAndTheNextFramesToo() {
        byte[] large = new byte[3 * LeanWebSocketConnection.INPUT_BYTES];
        Arrays.fill(large, (byte) 'x');
        byte[] wire = ClientFrames.concat(frame(media("inbound")), frame(large), frame(media("outbound")));
        for (int at = 0; at < wire.length; at += 1000) { // a thousand bytes a wake-up
            endPoint.addInput(ByteBuffer.wrap(Arrays.copyOfRange(wire, at, Math.min(wire.length, at + 1000))));
        }
        assertThat(sink.sizes).containsExactly(media("inbound").length, large.length, media("outbound").length);
        assertThat(sink.lastPayloadByte).isEqualTo((byte) '}');
        assertThat(pool.acquired.get()).isZero();
    }

    private static byte[] media(String track) {
        return MediaMessages.media(2, "MZ1", track, 1, 20L, MediaMessages.SILENCE_FRAME).getBytes(StandardCharsets.UTF_8);
    }

    /** A masked text frame, as a client sends it. */
    private static byte[] frame(byte[] payload) {
        return ClientFrames.frame(0x81, payload);
    }

    /** Jetty's pool, counting what it is asked for. */
    private static final class CountingPool extends ByteBufferPool.Wrapper {
        final AtomicInteger acquired = new AtomicInteger();

        CountingPool() {
            super(new ArrayByteBufferPool());
        }

        @Override
        public RetainableByteBuffer.Mutable acquire(int size, boolean direct) {
            acquired.incrementAndGet();
            return super.acquire(size, direct);
        }
    }

    /** Counts the data frames (sizes kept only while few), reads on after each. */
    private static final class Sink implements FrameHandler, MediaFrameSink {
        final AtomicInteger frames = new AtomicInteger();
        final List<Integer> sizes = new ArrayList<>();
        byte lastPayloadByte;

        @Override
        public boolean onDataFrame(byte opcode, boolean fin, byte[] bytes, int from, int to) {
            if (frames.incrementAndGet() <= 3) {
                sizes.add(to - from);
            }
            lastPayloadByte = bytes[to - 1];
            return true;
        }

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            callback.succeeded();
            coreSession.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            callback.succeeded();
        }
    }
}
