package com.ethiq.app.calls.media;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;

/**
 * A Jetty selector that, while sockets keep it busy, lets readiness accumulate for a moment before asking the kernel
 * again. Hundreds of media sockets each receive a frame pair every 20 ms on their own phase: selecting as soon as the
 * previous pass ends wakes the thread (a context switch and an {@code epoll_wait}) for one or two sockets at a time;
 * pausing {@code pause} first collects every socket that became readable meanwhile into one pass. When the last pass
 * found nothing the selector blocks as usual, so an idle node answers its first request at once; a busy one adds at
 * most {@code pause} to a request's wait (the media edge batches 100 ms of audio anyway). Work handed to the selector
 * by other threads (new connections, interest changes) is run once the pause ends. Used by the selector's own thread
 * only.
 */
final class PacedSelector extends ManagedSelector {
    private final long pauseNanos;
    private boolean busy;

    PacedSelector(SelectorManager manager, int id, long pauseNanos) {
        super(manager, id);
        this.pauseNanos = pauseNanos;
    }

    @Override
    protected int nioSelect(Selector selector, boolean now) throws IOException {
        if (now) {
            return selector.selectNow();
        }
        int ready;
        if (busy) {
            LockSupport.parkNanos(pauseNanos);
            // selectNow() consumes a wakeup() made during the pause (work handed to this selector): return even with
            // nothing ready, so Jetty runs that work before it selects again, instead of blocking on a lost wakeup.
            ready = selector.selectNow();
        } else {
            ready = selector.select();
        }
        busy = ready > 0;
        return ready;
    }
}
