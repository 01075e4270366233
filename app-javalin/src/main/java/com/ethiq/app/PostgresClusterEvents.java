package com.ethiq.app;

import com.ethiq.adapter.supabase.Notifications;
import com.ethiq.adapter.supabase.TenantChangeListener;
import com.ethiq.core.concurrent.DaemonThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Adapters.ClusterEvents} over PostgreSQL: {@code NOTIFY} on {@value #CHANNEL}, heard by every node's LISTEN
 * connection (the tenant-change listener's, so a node still holds one). Publishing only queues the payload: one
 * daemon thread sends what is queued in batches of up to 100 (one statement each), so the call path never waits for
 * the database. Events are hints: when the queue is full (10,000) or the database refuses a batch, they are dropped
 * and counted ({@link #dropped()}); a dashboard then shows the change on its next read. Thread-safe.
 */
public final class PostgresClusterEvents implements Adapters.ClusterEvents, AutoCloseable {
    public static final String CHANNEL = "ethiq_call_events";
    private static final Logger log = LoggerFactory.getLogger(PostgresClusterEvents.class);
    private static final int BATCH = 100;

    private final Notifications notifications;
    private final TenantChangeListener listener;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(10_000);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sender;

    public PostgresClusterEvents(Notifications notifications, TenantChangeListener listener) {
        this.notifications = Objects.requireNonNull(notifications, "'notifications' must not be null");
        this.listener = Objects.requireNonNull(listener, "'listener' must not be null");
        this.sender = DaemonThreads.start("ethiq-cluster-events", this::send);
    }

    @Override
    public void publish(String payload) {
        if (!queue.offer(Objects.requireNonNull(payload, "'payload' must not be null"))) {
            dropped.incrementAndGet();
        }
    }

    @Override
    public void subscribe(Consumer<String> onPayload) {
        listener.listen(CHANNEL, onPayload);
    }

    /** Events dropped on this node (queue full or database unavailable). */
    public long dropped() {
        return dropped.get();
    }

    private void send() {
        List<String> batch = new ArrayList<>(BATCH);
        while (running.get()) {
            try {
                String first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                notifications.send(CHANNEL, batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                dropped.addAndGet(batch.size());
                log.warn("live events: {} not sent to the other nodes ({})", batch.size(), e.getMessage());
            } finally {
                batch.clear();
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        sender.interrupt();
        try {
            sender.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
