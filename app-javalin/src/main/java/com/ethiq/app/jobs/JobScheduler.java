package com.ethiq.app.jobs;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's background jobs: the alert workers (durable delivery, every node may run them: claims are leased) and
 * the transcript retention job on its own scheduler thread. Thread-safe.
 */
public final class JobScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

    private final AlertWorkers alerts;
    private final Runnable retention;
    private final Duration retentionInterval;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean started = new AtomicBoolean();

    public JobScheduler(AlertWorkers alerts, Runnable retention, Duration retentionInterval) {
        this.alerts = Objects.requireNonNull(alerts, "'alerts' must not be null");
        this.retention = Objects.requireNonNull(retention, "'retention' must not be null");
        this.retentionInterval = Objects.requireNonNull(retentionInterval, "'retentionInterval' must not be null");
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
        alerts.start();
        scheduler.scheduleWithFixedDelay(this::retentionPass, retentionInterval.toMillis(), retentionInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public AlertWorkers alerts() {
        return alerts;
    }

    private void retentionPass() {
        try {
            retention.run();
        } catch (RuntimeException e) {
            log.warn("retention pass failed; next tick retries: {}", e.toString());
        }
    }

    /** Stops the alert workers and delivers what is due now, for at most {@code grace}. */
    public int drain(Duration grace) {
        return alerts.drain(grace);
    }

    @Override
    public void close() {
        alerts.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
