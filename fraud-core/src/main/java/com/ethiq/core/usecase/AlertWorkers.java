package com.ethiq.core.usecase;

import com.ethiq.core.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few threads that deliver recorded alerts through the core's {@link AlertDispatcher}. Each worker runs passes until
 * nothing is due, then sleeps until the next tick or a wake-up (an alert was just raised). Passes claim alerts under a
 * lease, so workers of this node and of other nodes never deliver the same alert twice; with small claims the SMS
 * to each contact and the announcement of one scam go out in parallel, not one after the other. Owned by
 * {@link com.ethiq.core.FraudCore}: the host only starts and drains it. Thread-safe.
 */
public final class AlertWorkers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertWorkers.class);

    private final AlertDispatcher dispatcher;
    private final int workers;
    private final Duration interval;
    private final Object signal = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private final ExecutorService wakeUpPasses;
    private long generation;
    private volatile boolean running;

    public AlertWorkers(AlertDispatcher dispatcher, int workers, Duration interval) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "'dispatcher' must not be null");
        if (workers < 1) {
            throw new IllegalArgumentException("'workers' must be >= 1, got " + workers);
        }
        this.workers = workers;
        this.interval = Objects.requireNonNull(interval, "'interval' must not be null");
        this.wakeUpPasses = Executors.newFixedThreadPool(1, DaemonThreads.named("ethiq-alerts-wake"));
    }

    /**
     * The executor to give the core for its immediate passes ({@link AlertDispatcher#wakeUp}): runs that pass and
     * wakes every worker so the rest of the fresh alerts are claimed in parallel.
     */
    public Executor wakeUpExecutor() {
        return task -> {
            try {
                wakeUpPasses.execute(task);
            } catch (RejectedExecutionException e) {
                // shutting down: the final drain delivers what was recorded
            }
            wake();
        };
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < workers; i++) {
            threads.add(DaemonThreads.start("ethiq-alerts-" + (i + 1), this::loop));
        }
    }

    /** Wakes every worker now. */
    public void wake() {
        synchronized (signal) {
            generation++;
            signal.notifyAll();
        }
    }

    private void loop() {
        long seen;
        synchronized (signal) {
            seen = generation;
        }
        while (running) {
            passesUntilIdle();
            synchronized (signal) {
                if (generation == seen && running) {
                    try {
                        signal.wait(interval.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                seen = generation;
            }
        }
    }

    private int passesUntilIdle() {
        int total = 0;
        try {
            int handled;
            do {
                handled = dispatcher.dispatchDue();
                total += handled;
            } while (handled > 0 && running);
        } catch (RuntimeException e) {
            log.warn("alert dispatch pass failed; the next tick retries: {}", e.toString());
        }
        return total;
    }

    /**
     * Stops the workers and delivers what is due now on the calling thread, for at most {@code grace}. Alerts still
     * leased when it gives up return to any node once their lease runs out. Returns how many were handled.
     */
    public int drain(Duration grace) {
        stopThreads(grace);
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

    private synchronized void stopThreads(Duration wait) {
        running = false;
        wakeUpPasses.shutdown();
        wake();
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    @Override
    public void close() {
        running = false;
        wakeUpPasses.shutdownNow();
        wake();
        synchronized (this) {
            threads.forEach(Thread::interrupt);
            threads.clear();
        }
    }
}
