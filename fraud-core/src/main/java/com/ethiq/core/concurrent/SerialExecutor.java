package com.ethiq.core.concurrent;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tasks given to it one at a time, in order, on a shared pool: one per stream (a speech track, a call's
 * transcript listener), so a stream's state needs no lock and its listener sees one callback at a time, while
 * thousands of streams share a few threads. A failing task is logged (its class only: task data may be personal)
 * and the next one runs. Thread-safe.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    /** Tasks run per turn before yielding the pool thread, so one busy stream cannot starve the others. */
    private static final int TASKS_PER_TURN = 64;

    /** What to do with queued tasks once the pool refuses work (it is shutting down). */
    public enum WhenRejected {
        /** Drop them: nothing is waiting for their result. */
        DROP,
        /** Run them on the caller's thread: a final result must not be lost during shutdown. */
        RUN_ON_CALLER
    }

    private final Executor pool;
    private final String label;
    private final WhenRejected whenRejected;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** {@code label} names the stream kind in log lines ("speech track", "transcript listener"). */
    public SerialExecutor(Executor pool, String label, WhenRejected whenRejected) {
        this.pool = Objects.requireNonNull(pool, "'pool' must not be null");
        this.label = Objects.requireNonNull(label, "'label' must not be null");
        this.whenRejected = Objects.requireNonNull(whenRejected, "'whenRejected' must not be null");
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "'task' must not be null"));
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) {
                if (whenRejected == WhenRejected.RUN_ON_CALLER) {
                    drain();
                } else {
                    scheduled.set(false);
                    tasks.clear();
                }
            }
        }
    }

    private void drain() {
        try {
            for (int i = 0; i < TASKS_PER_TURN; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("{} task failed: {}", label, e.getClass().getName());
                    LOG.debug("{} task failure", label, e);
                }
            }
        } finally {
            scheduled.set(false);
        }
        if (!tasks.isEmpty()) {
            schedule();
        }
    }
}
