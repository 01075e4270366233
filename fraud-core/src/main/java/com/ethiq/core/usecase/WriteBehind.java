package com.ethiq.core.usecase;

import com.ethiq.core.concurrent.Scheduler;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.port.PersistenceException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call path's writes to the store, off the threads that detect and alert: one ordered queue per call, run on the
 * core's store threads. A write the store refuses ({@link PersistenceException}) stays at the head of its call's queue
 * and is retried with backoff (first {@code firstBackoff}, doubling, at most {@code maxBackoff}) until the store
 * returns, then the rest follow in order: each write is done once. Transcript lines are the only writes that may be
 * dropped, when a call holds more than {@code maxPerCall} of them or the node more than {@code maxTotal} (counted in
 * {@link #dropped()}, reported to the observer); lifecycle writes (call state, verdict, usage, audit, alerts) are always
 * kept. A write that fails for any other reason (a bug, a constraint) is logged and skipped, never retried forever.
 * Thread-safe.
 */
public final class WriteBehind {
    private static final Logger log = LoggerFactory.getLogger(WriteBehind.class);

    /** Bounds and retry delays. */
    public record Settings(int maxPerCall, int maxTotal, Duration firstBackoff, Duration maxBackoff) {
        public static final Settings DEFAULT = new Settings(5_000, 100_000, Duration.ofMillis(100), Duration.ofMillis(500));

        public Settings {
            if (maxPerCall < 1 || maxTotal < maxPerCall) {
                throw new IllegalArgumentException("need 1 <= maxPerCall <= maxTotal");
            }
            Objects.requireNonNull(firstBackoff, "'firstBackoff' must not be null");
            Objects.requireNonNull(maxBackoff, "'maxBackoff' must not be null");
        }
    }

    /** One write: what it is (for logs), whether it may be dropped under pressure, and the store call itself. */
    public static final class Write {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;
        private static final int CANCELLED = 3;

        private final String what;
        private final boolean droppable;
        private final Runnable action;
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        private final java.util.concurrent.CompletableFuture<Boolean> outcome = new java.util.concurrent.CompletableFuture<>();
        private volatile boolean withdrawn;

        private Write(String what, boolean droppable, Runnable action) {
            this.what = what;
            this.droppable = droppable;
            this.action = action;
        }

        /** A write that must reach the store (call state, verdict, usage, audit, alerts). */
        public static Write kept(String what, Runnable action) {
            return new Write(what, false, action);
        }

        /** A transcript line: dropped (and counted) rather than let a long outage exhaust memory. */
        public static Write droppable(String what, Runnable action) {
            return new Write(what, true, action);
        }

        /**
         * Withdraws the write: it will not be tried again. True if it never ran; false if it is running now (its
         * outcome is unknown: a frozen store may still commit it) or already done.
         */
        public boolean withdraw() {
            withdrawn = true;
            if (state.compareAndSet(QUEUED, CANCELLED)) {
                outcome.complete(false);
                return true;
            }
            return state.get() == CANCELLED;
        }

        /** Waits up to {@code timeout}: true once written, false if skipped, dropped or not done in time. */
        public boolean await(Duration timeout) {
            try {
                return outcome.get(Math.max(0, timeout.toNanos()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                return outcome.getNow(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        public boolean done() {
            return state.get() == DONE;
        }

        @Override
        public String toString() {
            return what;
        }
    }

    /** A write running for longer than this means the store is frozen rather than slow. */
    static final Duration STUCK_AFTER = Duration.ofMillis(300);

    private final Executor executor;
    private final Executor urgent;
    private final Scheduler retries;
    private final Settings settings;
    private final ConcurrentHashMap<CallSid, CallQueue> queues = new ConcurrentHashMap<>();
    private final AtomicInteger droppableQueued = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failedAtNanos = new AtomicLong();
    private volatile boolean storeDown;
    private volatile CallObserver observer = CallObserver.NONE;

    public WriteBehind(Executor executor, Scheduler retries, Settings settings) {
        this(executor, executor, retries, settings);
    }

    /**
     * {@code urgent} drains a call's queue when a scam's alerts join it ({@link #submitAheadOfLines}): they do not
     * wait in {@code executor}'s queue behind other calls' transcript lines.
     */
    public WriteBehind(Executor executor, Executor urgent, Scheduler retries, Settings settings) {
        this.urgent = Objects.requireNonNull(urgent, "'urgent' must not be null");
        this.executor = Objects.requireNonNull(executor, "'executor' must not be null");
        this.retries = Objects.requireNonNull(retries, "'retries' must not be null");
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
    }

    public void observe(CallObserver observer) {
        this.observer = observer;
    }

    /** Queues {@code write} behind the call's earlier writes and returns it (to wait for or withdraw it). */
    public Write submit(CallSid callSid, Write write) {
        return submit(callSid, write, false);
    }

    /**
     * Queues a kept {@code write} behind the call's earlier kept writes (and anything started) but ahead of the
     * transcript lines queued after them (a scam's alerts: the line of the segment that raised them was queued just
     * before, and nothing the alerts need is in it; the lines keep their own order). Returns it, as
     * {@link #submit(CallSid, Write)}.
     */
    public Write submitAheadOfLines(CallSid callSid, Write write) {
        if (write.droppable) {
            throw new IllegalArgumentException("only a kept write goes ahead of transcript lines");
        }
        return submit(callSid, write, true);
    }

    private Write submit(CallSid callSid, Write write, boolean aheadOfLines) {
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        Objects.requireNonNull(write, "'write' must not be null");
        boolean start;
        CallQueue target;
        while (true) {
            CallQueue q = queues.computeIfAbsent(callSid, CallQueue::new);
            synchronized (q) {
                if (q.retired) {
                    continue; // emptied and removed concurrently: take a fresh one
                }
                if (write.droppable && (q.droppable >= settings.maxPerCall() || droppableQueued.get() >= settings.maxTotal())) {
                    long n = dropped.incrementAndGet();
                    if (n == 1 || n % 1000 == 0) {
                        log.warn("store backlog full: dropped {} transcript line(s) so far (this one: call {})", n, callSid);
                    }
                    observer.storeWriteDropped(callSid);
                    write.state.set(Write.CANCELLED);
                    write.outcome.complete(false);
                    return write;
                }
                if (aheadOfLines) {
                    insertAheadOfLines(q.writes, write);
                } else {
                    q.writes.addLast(write);
                }
                queued.incrementAndGet();
                if (write.droppable) {
                    q.droppable++;
                    droppableQueued.incrementAndGet();
                }
                start = !q.running;
                q.running = true;
                target = q;
                break;
            }
        }
        if (aheadOfLines) {
            // Drained from here even if a drain is already scheduled (it may wait behind other calls' lines in the
            // store pool): whichever starts first takes the queue, the other finds it taken or done.
            try {
                urgent.execute(() -> drain(target));
            } catch (RejectedExecutionException e) {
                runSoon(target, Duration.ZERO);
            }
        } else if (start) {
            runSoon(target, Duration.ZERO);
        }
        return write;
    }

    /**
     * Writes {@code action} now if the store is not suspect (down, or a write stuck on it) and the call has nothing
     * queued, else queues it. For request threads that must answer quickly whatever the store does.
     */
    public void writeNowOrLater(CallSid callSid, String what, Runnable action) {
        if (!suspect(STUCK_AFTER) && !queues.containsKey(callSid)) {
            try {
                action.run();
                return;
            } catch (PersistenceException e) {
                markDown(e);
            }
        }
        submit(callSid, Write.kept(what, action));
    }

    /**
     * A read for a request that must answer whatever the store does: the store's answer, or empty while the store
     * refuses it (unavailable). The caller then goes on as the outage rules say (a stranger's call, a live call, nothing
     * heard before...), never failing the call for a read. Does not change {@link #storeDown()}: only writes say that.
     */
    public <T> java.util.Optional<T> readBehind(String what, java.util.function.Supplier<T> read) {
        try {
            return java.util.Optional.of(read.get());
        } catch (PersistenceException e) {
            log.debug("{} not read, the store is away: {}", what, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /** Whether the store refused the last write tried (until one succeeds). */
    public boolean storeDown() {
        return storeDown;
    }

    /**
     * Whether the store should not be waited for: it refused the last write, or a write has been running for longer
     * than {@code stuckAfter} (a frozen server does not refuse, it just never answers).
     */
    public boolean suspect(Duration stuckAfter) {
        if (storeDown) {
            return true;
        }
        long now = System.nanoTime();
        for (CallQueue q : queues.values()) {
            long since = q.runningSince;
            if (since != 0 && now - since > stuckAfter.toNanos()) {
                return true;
            }
        }
        return false;
    }

    /** Whether this call has writes waiting (or running). */
    public boolean hasPending(CallSid callSid) {
        return queues.containsKey(callSid);
    }

    /** Writes waiting across the node. */
    public int pending() {
        return queued.get();
    }

    /** Calls with writes waiting. */
    public int pendingCalls() {
        return queues.size();
    }

    /** Transcript lines dropped because the backlog was full, since start. */
    public long dropped() {
        return dropped.get();
    }

    /** Waits up to {@code timeout} for every queue to empty (shutdown); true if they did. */
    public boolean awaitEmpty(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!queues.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return queues.isEmpty();
    }

    private void runSoon(CallQueue q, Duration delay) {
        try {
            if (delay.isZero()) {
                executor.execute(() -> drain(q));
            } else {
                retries.schedule(() -> executor.execute(() -> drain(q)), delay);
            }
        } catch (RejectedExecutionException e) {
            log.warn("store writes of call {} abandoned at shutdown: {} left", q.callSid, q.writes.size());
        }
    }

    /** One drainer per queue at a time: a second drain of it (urgent, or one scheduled earlier) leaves it be. */
    private void drain(CallQueue q) {
        if (!q.draining.compareAndSet(false, true)) {
            return;
        }
        try {
            drainHeld(q);
        } finally {
            q.draining.set(false);
        }
    }

    private void drainHeld(CallQueue q) {
        while (true) {
            Write head;
            synchronized (q) {
                head = q.writes.peekFirst();
                if (head == null) {
                    q.running = false;
                    q.retired = true;
                    queues.remove(q.callSid, q);
                    return;
                }
            }
            if (!head.withdrawn && head.state.compareAndSet(Write.QUEUED, Write.RUNNING)) {
                q.runningSince = System.nanoTime();
                try (LogContext ignored = LogContext.of(null, q.callSid)) {
                    head.action.run();
                    head.state.set(Write.DONE);
                    head.outcome.complete(true);
                    markUp();
                } catch (PersistenceException e) {
                    markDown(e);
                    if (!head.withdrawn) {
                        head.state.set(Write.QUEUED);
                        q.runningSince = 0;
                        q.failures++;
                        runSoon(q, backoff(q.failures));
                        return;
                    }
                    head.state.set(Write.CANCELLED);
                    head.outcome.complete(false);
                } catch (RuntimeException e) {
                    head.state.set(Write.DONE);
                    head.outcome.complete(false);
                    log.error("store write '{}' of call {} failed and is skipped", head.what, q.callSid, e);
                } finally {
                    q.runningSince = 0;
                }
            } else if (head.state.compareAndSet(Write.QUEUED, Write.CANCELLED)) {
                head.outcome.complete(false); // withdrawn before it started
            }
            synchronized (q) {
                // the write that ran, not the head: a write may have gone ahead of it meanwhile (submitAheadOfLines)
                q.writes.removeFirstOccurrence(head);
                q.failures = 0;
                queued.decrementAndGet();
                if (head.droppable) {
                    q.droppable--;
                    droppableQueued.decrementAndGet();
                }
            }
        }
    }

    /** Right after the last write that is kept or already started, i.e. before the transcript lines still waiting. */
    private static void insertAheadOfLines(ArrayDeque<Write> writes, Write write) {
        int barrier = -1;
        int i = 0;
        for (Write w : writes) {
            if (!w.droppable || w.state.get() != Write.QUEUED) {
                barrier = i;
            }
            i++;
        }
        if (barrier == writes.size() - 1) {
            writes.addLast(write);
            return;
        }
        ArrayDeque<Write> reordered = new ArrayDeque<>(writes.size() + 1);
        if (barrier < 0) {
            reordered.add(write);
        }
        i = 0;
        for (Write w : writes) {
            reordered.add(w);
            if (i++ == barrier) {
                reordered.add(write);
            }
        }
        writes.clear();
        writes.addAll(reordered);
    }

    private void markDown(PersistenceException e) {
        failedAtNanos.set(System.nanoTime());
        if (!storeDown) {
            storeDown = true;
            log.warn("store unavailable ({}): call path writes are kept in memory and retried; detection and alerts go on",
                    e.getMessage());
            observer.storeAvailability(false);
        }
    }

    private void markUp() {
        if (storeDown) {
            storeDown = false;
            log.info("store available again: writing the backlog ({} write(s) of {} call(s))", queued.get(), queues.size());
            observer.storeAvailability(true);
        }
    }

    /** firstBackoff × 2^(failures-1), capped: short, so a returning store is noticed within maxBackoff. */
    Duration backoff(int failures) {
        long factor = 1L << Math.min(16, Math.max(0, failures - 1));
        Duration d = settings.firstBackoff().multipliedBy(factor);
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }

    private static final class CallQueue {
        final CallSid callSid;
        final ArrayDeque<Write> writes = new ArrayDeque<>();
        int droppable;
        int failures;
        /** System.nanoTime() when the write now running started; 0 when none runs. */
        volatile long runningSince;
        boolean running;
        boolean retired;
        /** A drain of this queue is executing (drains may be scheduled twice: see submitAheadOfLines). */
        final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();

        CallQueue(CallSid callSid) {
            this.callSid = callSid;
        }
    }
}
