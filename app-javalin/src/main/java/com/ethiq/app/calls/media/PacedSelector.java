package com.ethiq.app.calls.media;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;

/**
 * A Jetty selector on which media sockets rest between reads ({@link MediaSocketEndPoint#restBetweenReads}).
 * Hundreds of media sockets each receive a frame per track every 20 ms, each on its own phase: read as they come, the
 * selector's thread wakes for one or two sockets at a time and reads one or two frames per system call. Here a media
 * socket that was just read is muted until the next tick of a grid of {@code interval} (40 ms by default), then all
 * the sockets whose tick has come are handed back to the kernel together: one {@code epoll_wait} returns them all, and
 * one read per socket takes the frames that waited in its buffer (two per track at 40 ms). A socket read between
 * ticks (its first frames, a wake-up it had no data for) is aligned to the grid at its next read: it rests until the
 * first tick at least half an interval away, so every socket waits between half and one and a half intervals, and
 * a pass that takes longer than half an interval (an overloaded node) moves the sockets it reads late to a later
 * tick, which makes their next read cheaper. Nothing else waits: HTTP requests, the acceptor's new connections and
 * work handed over by other threads are selected as they come; and a tick hands sockets back {@value #WAKE_PER_PASS}
 * at a time, one pass each, so a webhook that arrives while hundreds are read waits for one slice (~1 ms at 4 µs a
 * frame), not for all of them. Used by the selector's own thread only.
 */
final class PacedSelector extends ManagedSelector {
    /** Sockets handed back per selector pass at a tick: one pass reads them all before selecting again. */
    static final int WAKE_PER_PASS = 64;
    private final long intervalNanos;
    /** Resting sockets in the order they started resting: their ticks never decrease along the queue. */
    private final ArrayDeque<MediaSocketEndPoint> resting = new ArrayDeque<>();

    PacedSelector(SelectorManager manager, int id, long intervalNanos) {
        super(manager, id);
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("'intervalNanos' must be > 0, got " + intervalNanos);
        }
        this.intervalNanos = intervalNanos;
    }

    /** Mutes {@code endPoint} until its tick (selector thread; the end point has muted its key). */
    void rest(MediaSocketEndPoint endPoint) {
        long now = System.nanoTime();
        endPoint.restsUntil = (Math.floorDiv(now + intervalNanos / 2, intervalNanos) + 1) * intervalNanos;
        resting.addLast(endPoint);
    }

    @Override
    protected int nioSelect(Selector selector, boolean now) throws IOException {
        wakeDue(System.nanoTime());
        if (now) {
            return selector.selectNow();
        }
        MediaSocketEndPoint next = resting.peekFirst();
        if (next == null) {
            return selector.select();
        }
        long waitNanos = next.restsUntil - System.nanoTime();
        int ready = waitNanos <= 0 ? selector.selectNow() : selector.select(Math.max(1, (waitNanos + 999_999) / 1_000_000));
        if (ready == 0 && wakeDue(System.nanoTime())) {
            // the tick came while this select waited: the sockets just handed back are read in this pass
            ready = selector.selectNow();
        }
        return ready;
    }

    /** Hands back up to {@link #WAKE_PER_PASS} sockets whose tick has come; true if there was one. */
    private boolean wakeDue(long now) {
        int woken = 0;
        MediaSocketEndPoint first;
        while (woken < WAKE_PER_PASS && (first = resting.peekFirst()) != null && first.restsUntil - now <= 0) {
            resting.pollFirst().wake();
            woken++;
        }
        return woken > 0;
    }
}
