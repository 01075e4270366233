package com.ethiq.app.calls.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A socket end point that can skip the read that would only find the socket empty. Jetty's WebSocket connection
 * reads until a read returns nothing, then asks the selector to wake it again: for a media socket, whose peer writes
 * a 20 ms frame per track and then nothing for 20 ms, that is a second {@code read} system call per wake-up that
 * always answers {@code EAGAIN}. A read that did not fill the buffer took everything the kernel held at that instant,
 * so once {@link #trustShortReads} is on, the fill after such a read answers 0 at once; the selector (level
 * triggered, as the JDK's is) wakes the socket again at once if more arrived meanwhile, so nothing is lost or delayed
 * by more than one pass of the selector. Off by default: only connections that read until empty and then register
 * interest (the media socket) turn it on. Fills come from one thread at a time, as for any Jetty end point.
 */
public final class TrustingShortReadsEndPoint extends SocketChannelEndPoint {
    private volatile boolean trustShortReads;
    /** The last fill stopped short of the buffer's end: the socket was empty at that instant (filling thread only). */
    private boolean drained;

    public TrustingShortReadsEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler) {
        super(channel, selector, key, scheduler);
    }

    /** Turns the short-read rule on for the rest of the connection. */
    public void trustShortReads() {
        trustShortReads = true;
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException {
        if (drained) {
            drained = false;
            return 0;
        }
        int space = BufferUtil.space(buffer);
        int filled = super.fill(buffer);
        drained = trustShortReads && filled > 0 && filled < space;
        return filled;
    }
}
