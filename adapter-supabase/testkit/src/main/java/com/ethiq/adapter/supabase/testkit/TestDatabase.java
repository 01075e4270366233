package com.ethiq.adapter.supabase.testkit;

import com.ethiq.adapter.supabase.ConnectionPools;
import com.ethiq.adapter.supabase.ContextKeys;
import com.ethiq.adapter.supabase.DatabaseBootstrap;
import com.ethiq.adapter.supabase.DatabaseMigrator;
import com.ethiq.adapter.supabase.DatabaseRoles;
import com.ethiq.adapter.supabase.Keyring;
import com.ethiq.adapter.supabase.LocalServerAuth;
import com.ethiq.adapter.supabase.PoolSettings;
import com.ethiq.adapter.supabase.PooledDataSource;
import com.ethiq.adapter.supabase.SupabaseStore;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL 17 per test JVM, set up the way production is: owner/app/platform roles from
 * {@link DatabaseBootstrap}, the migrations applied by {@link DatabaseMigrator} as the owner, and data sources that
 * log in as the app and platform roles (never the superuser, which RLS does not bind). The migrated database is
 * kept as a template: {@link #database()} is one shared database (tests isolate themselves with unique tenants),
 * {@link #freshDatabase()} clones a new empty one in about 50 ms for tests that must see only their own rows.
 * <pre>{@code
 * TestDatabase.Database db = TestDatabase.shared().database();
 * SupabaseStore store = db.store();           // or db.storeBuilder().clock(clock).build()
 * TenantId tenant = db.newTenant();           // an active tenant with its own number
 * }</pre>
 * Thread-safe.
 */
public final class TestDatabase implements AutoCloseable {
    public static final DatabaseRoles ROLES = DatabaseRoles.DEFAULT;
    // generated per JVM: the server authenticates every connection (SCRAM, LocalServerAuth), nobody is trusted
    public static final String APP_PASSWORD = randomPassword();
    public static final String PLATFORM_PASSWORD = randomPassword();
    public static final String SUPERUSER_PASSWORD = randomPassword();
    private static final String TEMPLATE = "ethiq_template";
    /** The keys signing tenant contexts in tests, installed in the template (independent of the store's keyring). */
    public static final ContextKeys CONTEXT_KEYS = ContextKeys.of("ctx1", Map.of("ctx1", key((byte) 0x40)));

    private static TestDatabase shared;

    private final EmbeddedPostgres postgres;
    private final AtomicInteger freshCounter = new AtomicInteger();
    private final AtomicLong numberCounter = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 50_000_000));
    private volatile Database sharedDatabase;
    private final int appliedToTemplate;

    private TestDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        try {
            execute(postgres.getPostgresDatabase(), "create database " + TEMPLATE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the template database", e);
        }
        DataSource template = postgres.getDatabase("postgres", TEMPLATE);
        new DatabaseBootstrap(ROLES).run(template, APP_PASSWORD, PLATFORM_PASSWORD);
        this.appliedToTemplate = new DatabaseMigrator(ROLES).migrate(template);
        CONTEXT_KEYS.install(template, ROLES);
    }

    /** The JVM's embedded server, started, bootstrapped and migrated on first use. */
    public static synchronized TestDatabase shared() {
        if (shared == null) {
            try {
                EmbeddedPostgres pg = authenticated(EmbeddedPostgres.builder())
                        // not UTC on purpose: instants must not depend on the server's zone
                        .setServerConfig("timezone", "Europe/Paris")
                        .setServerConfig("max_connections", "300")
                        // test speed; the performance harness starts its own durable server
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
                shared = new TestDatabase(pg);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
        return shared;
    }

    /**
     * A second server with durable defaults (fsync and synchronous commit on), for measurements only; close it when
     * done. Tests use {@link #shared()}.
     */
    public static TestDatabase startDurableForPerf() {
        try {
            return new TestDatabase(authenticated(EmbeddedPostgres.builder()).setServerConfig("max_connections", "300").start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** Stops a server from {@link #startDurableForPerf()} (the shared one lives as long as the JVM). */
    @Override
    public void close() {
        if (this == shared) {
            throw new IllegalStateException("the shared test database lives as long as the JVM");
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** initdb with SCRAM for every connection and a superuser password; our data sources send it. */
    private static EmbeddedPostgres.Builder authenticated(EmbeddedPostgres.Builder builder) throws IOException {
        java.nio.file.Path pwfile = LocalServerAuth.writePasswordFile(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")),
                SUPERUSER_PASSWORD);
        pwfile.toFile().deleteOnExit();
        LocalServerAuth.initdbOptions(pwfile).forEach(builder::setLocaleConfig);
        return builder.setConnectConfig("password", SUPERUSER_PASSWORD);
    }

    private static String randomPassword() {
        byte[] b = new byte[18];
        new java.security.SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** How many migrations the template received (all of them: it started empty). */
    public int migrationsAppliedToTemplate() {
        return appliedToTemplate;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    /** A superuser on the server's maintenance database: creating databases, terminating backends. */
    public DataSource serverSuperuser() {
        return postgres.getPostgresDatabase();
    }

    /** The shared migrated database: use unique tenants (see {@link Database#newTenant()}). */
    public synchronized Database database() {
        if (sharedDatabase == null) {
            sharedDatabase = clone("ethiq_shared", false);
        }
        return sharedDatabase;
    }

    /** A new database cloned from the migrated template; {@link Database#close()} drops it. */
    public Database freshDatabase() {
        return clone("ethiq_fresh_" + freshCounter.incrementAndGet(), true);
    }

    /** An empty database with the roles but no schema (for migration tests); {@link Database#close()} drops it. */
    public Database emptyDatabase() {
        String name = "ethiq_empty_" + freshCounter.incrementAndGet();
        try {
            execute(postgres.getPostgresDatabase(), "create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return new Database(this, name, true);
    }

    private Database clone(String name, boolean dropOnClose) {
        try {
            // CREATE DATABASE … TEMPLATE needs the template idle: nothing ever connects to it after migration
            execute(postgres.getPostgresDatabase(), "create database " + name + " template " + TEMPLATE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return new Database(this, name, dropOnClose);
    }

    /** A fixed two-key keyring ("k1" active, "k0" older) for tests; never use it outside tests. */
    public static Keyring testKeyring() {
        return Keyring.of("k1", Map.of("k0", key((byte) 0x10), "k1", key((byte) 0x20)));
    }

    public static byte[] key(byte seed) {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed + i);
        }
        return k;
    }

    public static String keySpec(String id, byte seed) {
        return id + ":" + Base64.getEncoder().encodeToString(key(seed));
    }

    /** A French-looking E.164 number unique within this JVM. */
    public PhoneNumber uniqueNumber() {
        return PhoneNumber.of(String.format("+336%08d", numberCounter.incrementAndGet() % 100_000_000L));
    }

    static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** One database of the embedded server, with pools as the app and platform roles. Thread-safe. */
    public static final class Database implements AutoCloseable {
        private final TestDatabase server;
        private final String name;
        private final boolean dropOnClose;
        private final List<PooledDataSource> pools = new ArrayList<>();
        private PooledDataSource app;
        private PooledDataSource platform;
        private SupabaseStore store;

        private Database(TestDatabase server, String name, boolean dropOnClose) {
            this.server = server;
            this.name = name;
            this.dropOnClose = dropOnClose;
        }

        public String name() {
            return name;
        }

        public String jdbcUrl() {
            return server.jdbcUrl(name);
        }

        /** Pooled (8 connections) as the app role. */
        public synchronized DataSource appDataSource() {
            if (app == null) {
                app = newPool(ROLES.app(), APP_PASSWORD, 8, false);
            }
            return app;
        }

        /** Pooled (4 connections) as the platform role. */
        public synchronized DataSource platformDataSource() {
            if (platform == null) {
                platform = newPool(ROLES.platform(), PLATFORM_PASSWORD, 4, false);
            }
            return platform;
        }

        /** A new pool as the app role, closed with this database (or by the caller). */
        public PooledDataSource newAppPool(int size, boolean transactionPooler) {
            return newPool(ROLES.app(), APP_PASSWORD, size, transactionPooler);
        }

        /** A new pool as the platform role, closed with this database (or by the caller). */
        public PooledDataSource newPlatformPool(int size, boolean transactionPooler) {
            return newPool(ROLES.platform(), PLATFORM_PASSWORD, size, transactionPooler);
        }

        private synchronized PooledDataSource newPool(String user, String password, int size, boolean transactionPooler) {
            PooledDataSource ds = ConnectionPools.create(PoolSettings.of(jdbcUrl(), user, password)
                    .withPoolName(name + "-" + user + "-" + pools.size())
                    .withMaximumPoolSize(size)
                    .withTransactionPooler(transactionPooler));
            pools.add(ds);
            return ds;
        }

        /** Unpooled connections as the app role (the tenant-change listener needs its own connection). */
        public DataSource directAppDataSource() {
            return ConnectionPools.direct(jdbcUrl(), ROLES.app(), APP_PASSWORD);
        }

        /** Unpooled connections as the superuser: test set-up and inspection only (it bypasses RLS). */
        public DataSource superuserDataSource() {
            return server.postgres.getDatabase("postgres", name);
        }

        /** A builder with this database's app and platform pools and the test keyring. */
        public SupabaseStore.Builder storeBuilder() {
            return SupabaseStore.builder()
                    .appDataSource(appDataSource())
                    .platformDataSource(platformDataSource())
                    .keyring(testKeyring())
                    .contextKeys(CONTEXT_KEYS);
        }

        /** A store with the system clock, shared by the callers of this database. */
        public synchronized SupabaseStore store() {
            if (store == null) {
                store = storeBuilder().build();
            }
            return store;
        }

        /** Creates an active tenant with default settings, a unique number and SIP address. */
        public TenantId newTenant() {
            TenantId id = TenantId.random();
            store().tenants().create(new Tenant(id, "Test " + id.value().toString().substring(0, 8), AccountStatus.ACTIVE,
                    server.uniqueNumber(), SipAddress.of("sip:t" + id.value().toString().replace("-", "") + "@test.sip.example.com"),
                    TenantSettings.defaults(), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            return id;
        }

        @Override
        public synchronized void close() {
            pools.forEach(PooledDataSource::close);
            pools.clear();
            app = null;
            platform = null;
            store = null;
            if (dropOnClose) {
                try {
                    execute(server.postgres.getPostgresDatabase(), "drop database if exists " + name + " with (force)");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot drop database " + name, e);
                }
            }
        }

        @Override
        public String toString() {
            return "Database[" + name + "]";
        }
    }

    /** Waits for a condition checked every 10 ms (listener and lease tests). */
    public static boolean eventually(Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
