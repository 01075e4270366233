package com.ethiq.app.calls.media;

import java.util.concurrent.Executor;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * A WebSocket connection whose read interest is declared non-blocking, so Jetty's selector runs the read, the frame
 * parsing and the frame handler in place instead of dispatching every readable event to a pool thread (the hand-off
 * that made a 20 ms audio frame cost ~20 µs of CPU). Safe only because the media frame handler never blocks: it
 * demands the next frame before returning and hands anything slow (authentication, database) to a worker pool.
 * Thread-safe as its parent. {@link LeanWebSocketConnection} keeps these choices and reads the frames itself.
 */
class DirectWebSocketConnection extends WebSocketConnection {
    private final Callback readInterest = new NonBlockingRead();

    DirectWebSocketConnection(EndPoint endPoint, Executor executor, Scheduler scheduler, ByteBufferPool pool,
                              WebSocketCoreSession coreSession) {
        super(endPoint, executor, scheduler, pool, coreSession);
        // This connection reads until a read comes back short or empty, then registers interest: on a node's own
        // connector it may skip the read that would find the socket empty (one system call per wake-up), and rest
        // between reads so that one read takes the frames of a whole read interval.
        if (endPoint instanceof MediaSocketEndPoint media) {
            media.trustShortReads();
            media.restBetweenReads();
        }
    }

    /**
     * Heap network buffers: the frame handler scans each frame's bytes in place through the array, and Jetty's
     * demasking runs on heap too, instead of bounds- and scope-checked reads of a direct buffer per byte. The JDK's
     * one copy from its direct socket buffer costs less than that.
     */
    @Override
    public void setUseInputDirectByteBuffers(boolean ignored) {
        super.setUseInputDirectByteBuffers(false);
    }

    @Override
    public void fillInterested() {
        getEndPoint().fillInterested(readInterest);
    }

    /** Read interest that the selector may run on its own thread. */
    private final class NonBlockingRead implements Callback, Invocable {
        @Override
        public void succeeded() {
            onFillable();
        }

        @Override
        public void failed(Throwable cause) {
            onFillInterestedFailed(cause);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    }
}
