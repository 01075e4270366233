package com.ethiq.adapter.supabase;

import com.ethiq.core.concurrent.DaemonThreads;
import com.ethiq.core.domain.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@code ethiq_tenant_changed} (sent by database triggers whenever an account, its settings, phrases or
 * credentials change, delivered at commit) and calls the registered callbacks with the tenant id. One daemon
 * thread holds one dedicated connection: it must be a direct or session-mode connection (LISTEN does not survive
 * a transaction-mode pooler). On a lost connection it reconnects with backoff and calls {@code resync()} on every
 * callback, since notifications sent meanwhile are lost. The same connection also listens to other channels
 * ({@link #listen}, e.g. the live call events every node publishes), so a node holds one LISTEN connection. Thread-safe.
 */
public final class TenantChangeListener implements AutoCloseable {
    public static final String CHANNEL = "ethiq_tenant_changed";
    private static final Logger LOG = LoggerFactory.getLogger(TenantChangeListener.class);

    private final DataSource direct;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final List<TenantChangeCallback> callbacks = new CopyOnWriteArrayList<>();
    private final Map<String, List<Consumer<String>>> channels = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong connects = new AtomicLong();
    private volatile CountDownLatch listening = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile Connection current;

    /** Polls every 500 ms, backs off up to 30 s between reconnection attempts. */
    public TenantChangeListener(DataSource direct) {
        this(direct, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    public TenantChangeListener(DataSource direct, Duration pollInterval, Duration maxBackoff) {
        this.direct = Objects.requireNonNull(direct, "'direct' must not be null");
        this.pollInterval = Objects.requireNonNull(pollInterval, "'pollInterval' must not be null");
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "'maxBackoff' must not be null");
        if (pollInterval.toMillis() < 1 || maxBackoff.compareTo(pollInterval) < 0) {
            throw new IllegalArgumentException("'pollInterval' must be >= 1 ms and <= 'maxBackoff'");
        }
    }

    public void addCallback(TenantChangeCallback callback) {
        callbacks.add(Objects.requireNonNull(callback, "'callback' must not be null"));
    }

    /**
     * Also hands every payload sent on {@code channel} to {@code handler}, on the listener's thread (return quickly,
     * do not throw). Listening starts within one poll interval, also when added after {@link #start()}.
     */
    public void listen(String channel, Consumer<String> handler) {
        Objects.requireNonNull(handler, "'handler' must not be null");
        channels.computeIfAbsent(Notifications.channel(channel), c -> new CopyOnWriteArrayList<>()).add(handler);
    }

    public synchronized TenantChangeListener start() {
        if (running.compareAndSet(false, true)) {
            thread = DaemonThreads.start("ethiq-tenant-change-listener", this::run);
        }
        return this;
    }

    /** Waits until LISTEN is active on a connection (tests; start-up health checks). */
    public boolean awaitListening(Duration timeout) throws InterruptedException {
        return listening.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many times the listener has connected (1 + reconnections). */
    public long connections() {
        return connects.get();
    }

    private void run() {
        long backoffMillis = 100;
        while (running.get()) {
            try (Connection c = direct.getConnection()) {
                current = c;
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("listen " + CHANNEL);
                }
                long n = connects.incrementAndGet();
                backoffMillis = 100;
                listening.countDown();
                if (n > 1) {
                    LOG.info("tenant-change listener reconnected; asking caches to resync");
                    callbacks.forEach(TenantChangeListener::resync);
                }
                pump(c);
            } catch (SQLException | RuntimeException e) {
                if (!running.get()) {
                    break;
                }
                if (listening.getCount() == 0) {
                    listening = new CountDownLatch(1);
                }
                LOG.warn("tenant-change listener lost its connection (SQLSTATE {}); retrying in {} ms",
                        e instanceof SQLException s ? s.getSQLState() : "n/a", backoffMillis);
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, maxBackoff.toMillis());
            } finally {
                current = null;
            }
        }
    }

    private void pump(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long quietSince = System.nanoTime();
        Set<String> listened = new java.util.HashSet<>();
        while (running.get()) {
            for (String channel : channels.keySet()) {
                if (listened.add(channel)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("listen " + channel); // checked by Notifications.channel
                    }
                }
            }
            PGNotification[] notifications = pg.getNotifications((int) pollInterval.toMillis());
            if (notifications == null || notifications.length == 0) {
                // a silent connection may be a dead one: prove it alive every 30 s of silence
                if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(30)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("select 1");
                    }
                    quietSince = System.nanoTime();
                }
                continue;
            }
            quietSince = System.nanoTime();
            for (PGNotification n : notifications) {
                if (!CHANNEL.equals(n.getName())) {
                    deliver(n);
                    continue;
                }
                TenantId tenant;
                try {
                    tenant = TenantId.of(n.getParameter());
                } catch (IllegalArgumentException e) {
                    LOG.warn("ignoring a malformed {} notification", CHANNEL);
                    continue;
                }
                for (TenantChangeCallback cb : callbacks) {
                    try {
                        cb.tenantChanged(tenant);
                    } catch (RuntimeException e) {
                        LOG.warn("a tenant-change callback failed", e);
                    }
                }
            }
        }
    }

    private void deliver(PGNotification n) {
        for (Consumer<String> handler : channels.getOrDefault(n.getName(), List.of())) {
            try {
                handler.accept(n.getParameter());
            } catch (RuntimeException e) {
                LOG.warn("a {} handler failed", n.getName(), e);
            }
        }
    }

    private static void resync(TenantChangeCallback cb) {
        try {
            cb.resync();
        } catch (RuntimeException e) {
            LOG.warn("a tenant-change resync callback failed", e);
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    @Override
    public void close() {
        running.set(false);
        Thread t = thread;
        Connection c = current;
        if (c != null) {
            try {
                c.close(); // unblocks getNotifications
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
