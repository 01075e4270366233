package com.ethiq.app.jobs;

import com.ethiq.core.usecase.AlertDispatcher;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the node's background jobs on one scheduler thread: the durable alert dispatcher every interval (a pass that
 * finds a full batch runs again at once, so a backlog drains without waiting for ticks) and the transcript retention
 * job. The dispatcher leases what it claims, so every node may run it. Thread-safe.
 */
public final class JobScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

    private final AlertDispatcher dispatcher;
    private final RetentionJob retention;
    private final Duration dispatchInterval;
    private final Duration retentionInterval;
    private final int batchSize;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean started = new AtomicBoolean();

    public JobScheduler(AlertDispatcher dispatcher, RetentionJob retention, Duration dispatchInterval,
                        Duration retentionInterval, int batchSize) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "'dispatcher' must not be null");
        this.retention = Objects.requireNonNull(retention, "'retention' must not be null");
        this.dispatchInterval = Objects.requireNonNull(dispatchInterval, "'dispatchInterval' must not be null");
        this.retentionInterval = Objects.requireNonNull(retentionInterval, "'retentionInterval' must not be null");
        this.batchSize = batchSize;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ethiq-jobs");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        scheduler.scheduleWithFixedDelay(this::dispatchPass, dispatchInterval.toMillis(), dispatchInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::retentionPass, retentionInterval.toMillis(), retentionInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One scheduled dispatcher tick: passes until a pass finds less than a full batch. Never throws. */
    int dispatchPass() {
        int total = 0;
        try {
            int handled;
            do {
                handled = dispatcher.dispatchDue();
                total += handled;
            } while (handled >= batchSize && !Thread.currentThread().isInterrupted());
        } catch (RuntimeException e) {
            log.warn("alert dispatch pass failed; next tick retries: {}", e.toString());
        }
        return total;
    }

    private void retentionPass() {
        try {
            retention.run();
        } catch (RuntimeException e) {
            log.warn("retention pass failed; next tick retries: {}", e.toString());
        }
    }

    /**
     * Delivers what is due now, for at most {@code grace} (graceful shutdown). Returns how many alerts were handled.
     * Alerts still leased when it gives up go back to any node when their lease runs out.
     */
    public int drain(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        int total = 0;
        while (System.nanoTime() < deadline) {
            int handled;
            try {
                handled = dispatcher.dispatchDue();
            } catch (RuntimeException e) {
                log.warn("alert drain pass failed: {}", e.toString());
                break;
            }
            total += handled;
            if (handled == 0) {
                break;
            }
        }
        return total;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
