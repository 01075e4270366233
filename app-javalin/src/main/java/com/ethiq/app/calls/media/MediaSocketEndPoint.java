package com.ethiq.app.calls.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The node's socket end point, with two rules a media socket turns on for itself (every other connection behaves as
 * with Jetty's own end point):
 * <ul>
 *   <li><b>Trusting short reads</b> ({@link #trustShortReads}). Jetty's WebSocket connection reads until a read
 *       returns nothing, then asks the selector to wake it again: for a media socket, whose peer writes a 20 ms frame
 *       per track and then nothing for 20 ms, that is a second {@code read} system call per wake-up that always
 *       answers {@code EAGAIN}. A read that did not fill the buffer took everything the kernel held at that instant,
 *       so the fill after such a read answers 0 at once; the selector (level triggered, as the JDK's is) wakes the
 *       socket again if more arrived meanwhile, so nothing is lost.</li>
 *   <li><b>Resting between reads</b> ({@link #restBetweenReads}). After a wake-up on a {@link PacedSelector}, the
 *       socket's read interest is handed back to the kernel only at the selector's next tick (every
 *       {@code ETHIQ_MEDIA_READ_INTERVAL}, 40 ms by default): the frames that arrive meanwhile wait in the kernel's
 *       socket buffer and one wake-up and one read then serve all of them, for every media socket in the same pass.
 *       Interest changes asked for while the socket rests (a write that could not complete, a read interest) take
 *       effect at that tick, as Jetty applies interest changes asked for during a wake-up once it ends.</li>
 * </ul>
 * Fills come from one thread at a time, as for any Jetty end point; {@link #updateKey} and the resting state belong
 * to the selector's thread.
 */
public final class MediaSocketEndPoint extends SocketChannelEndPoint {
    private final PacedSelector pacedSelector;
    private SelectionKey key;
    private volatile boolean trustShortReads;
    private volatile boolean restBetweenReads;
    /** The last fill stopped short of the buffer's end: the socket was empty at that instant (filling thread only). */
    private boolean drained;
    /** Selector thread only: the key was selected in this pass, so its next interest update may rest. */
    private boolean selectedThisPass;
    /** Selector thread only: the interest Jetty had set when the socket started resting (restored at its tick). */
    private int restingOps = -1;
    /** What {@link PacedSelector} runs at this socket's tick (one object for the connection's life). */
    private final Runnable wakeAtTick = this::wake;

    public MediaSocketEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler) {
        super(channel, selector, key, scheduler);
        this.key = key;
        this.pacedSelector = selector instanceof PacedSelector paced ? paced : null;
    }

    /** Turns the short-read rule on for the rest of the connection. */
    public void trustShortReads() {
        trustShortReads = true;
    }

    /** Turns resting between reads on for the rest of the connection (nothing on a selector that is not paced). */
    public void restBetweenReads() {
        restBetweenReads = true;
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

    @Override
    public Runnable onSelected() {
        selectedThisPass = true;
        return super.onSelected();
    }

    /**
     * Jetty calls this on the selector's thread once a wake-up's work is done, to apply the interest the connection
     * asked for (for a media socket: read again). A media socket woken in this pass rests instead: its key is
     * muted and {@link PacedSelector} hands it back to Jetty's own update at the next tick. Updates that do not
     * follow a wake-up (the first read after the upgrade, a write interest) are applied at once.
     */
    @Override
    public void updateKey() {
        boolean afterWakeUp = selectedThisPass;
        selectedThisPass = false;
        if (afterWakeUp && restBetweenReads && pacedSelector != null && key.isValid()) {
            try {
                restingOps = key.interestOps();
                key.interestOps(0);
                pacedSelector.rest(wakeAtTick);
                return;
            } catch (CancelledKeyException closedMeanwhile) {
                restingOps = -1;
            }
        }
        super.updateKey();
    }

    /** The socket's tick has come (selector thread): its interest as Jetty left it, then Jetty's pending update. */
    private void wake() {
        int ops = restingOps;
        restingOps = -1;
        try {
            if (ops >= 0 && key.isValid()) {
                key.interestOps(ops);
            }
        } catch (CancelledKeyException closedMeanwhile) {
            // Jetty's update below finds the key cancelled too, and closes the end point as it always does
        }
        super.updateKey();
    }

    @Override
    public void replaceKey(SelectionKey newKey) {
        super.replaceKey(newKey);
        key = newKey;
    }
}
