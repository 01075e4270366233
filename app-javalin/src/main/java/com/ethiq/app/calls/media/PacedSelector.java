package com.ethiq.app.calls.media;

import java.io.IOException;
import java.nio.channels.Selector;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;

/**
 * A Jetty selector on which media sockets rest between reads (see {@code MediaSocketEndPoint}, which mutes its key
 * and hands this selector the way to wake it).
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
    /**
     * Resting sockets (how to wake each) and their ticks, a ring in the order they started resting: the ticks never
     * decrease along it. Arrays rather than a queue of entries: no object per rest.
     */
    private Runnable[] wakes = new Runnable[64];
    private long[] ticks = new long[64];
    private int head;
    private int size;

    PacedSelector(SelectorManager manager, int id, long intervalNanos) {
        super(manager, id);
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("'intervalNanos' must be > 0, got " + intervalNanos);
        }
        this.intervalNanos = intervalNanos;
    }

    /** Runs {@code wake} at the socket's tick (selector thread; the caller has muted its key). */
    void rest(Runnable wake) {
        long now = System.nanoTime();
        if (size == wakes.length) {
            grow();
        }
        int slot = (head + size) & (wakes.length - 1);
        wakes[slot] = wake;
        ticks[slot] = (Math.floorDiv(now + intervalNanos / 2, intervalNanos) + 1) * intervalNanos;
        size++;
    }

    @Override
    protected int nioSelect(Selector selector, boolean now) throws IOException {
        wakeDue(System.nanoTime());
        if (now) {
            return selector.selectNow();
        }
        if (size == 0) {
            return selector.select();
        }
        long waitNanos = ticks[head] - System.nanoTime();
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
        while (woken < WAKE_PER_PASS && size > 0 && ticks[head] - now <= 0) {
            Runnable wake = wakes[head];
            wakes[head] = null;
            head = (head + 1) & (wakes.length - 1);
            size--;
            woken++;
            wake.run();
        }
        return woken > 0;
    }

    private void grow() { // capacity stays a power of two
        Runnable[] w = new Runnable[wakes.length * 2];
        long[] t = new long[w.length];
        for (int i = 0; i < size; i++) {
            int from = (head + i) & (wakes.length - 1);
            w[i] = wakes[from];
            t[i] = ticks[from];
        }
        wakes = w;
        ticks = t;
        head = 0;
    }
}
