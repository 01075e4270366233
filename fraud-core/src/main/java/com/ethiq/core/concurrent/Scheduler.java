package com.ethiq.core.concurrent;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay. The one method the core's retrying steps need from a scheduled pool, so a test can run
 * them by hand and see each delay. Throws {@link RejectedExecutionException} once shut down.
 */
@FunctionalInterface
public interface Scheduler {

    void schedule(Runnable task, Duration delay);

    /** Backed by a scheduled pool. */
    static Scheduler of(ScheduledExecutorService pool) {
        Objects.requireNonNull(pool, "'pool' must not be null");
        return (task, delay) -> pool.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
