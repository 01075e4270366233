package com.ethiq.app.demo;

import com.ethiq.adapter.supabase.ContextKeys;
import com.ethiq.adapter.supabase.DatabaseBootstrap;
import com.ethiq.adapter.supabase.Keyring;
import com.ethiq.adapter.supabase.LocalServerAuth;
import com.ethiq.adapter.supabase.DatabaseMigrator;
import com.ethiq.adapter.supabase.DatabaseRoles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's database: a PostgreSQL 17 server started from the binaries in the jar, its data kept in
 * {@code <data folder>/pgdata} between runs (initialised on first use only), bootstrapped with the same owner/app/platform
 * roles as production and migrated by the same Flyway migrations. Listens on localhost only. The generated role
 * passwords come from {@link LocalSecrets} so a restart reuses them. One per process; {@link #close()} stops the server.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    public static final String DATABASE = "postgres";

    /** Next to {@code pgdata}: the process id of the node that runs the server (a dead owner leaves an orphan). */
    static final String OWNER_FILE = "pgdata.owner";

    private final Server server;
    private final Path dataDirectory;
    private final int migrationsApplied;
    private final boolean created;

    private EmbeddedDatabase(Server server, Path dataDirectory, int migrationsApplied, boolean created) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.migrationsApplied = migrationsApplied;
        this.created = created;
    }

    /** The running server: one this process started, or the orphan of a dead node it adopted. */
    private interface Server {
        int port();

        DataSource superuser();

        void stop();
    }

    private static Server started(EmbeddedPostgres pg) {
        return new Server() {
            public int port() {
                return pg.getPort();
            }

            public DataSource superuser() {
                return pg.getPostgresDatabase();
            }

            public void stop() {
                closeQuietly(pg);
            }
        };
    }

    /**
     * A server left running by a node that died without stopping it ({@code kill -9}): reused as it is, on its port,
     * so a second node already connected to it keeps its database; stopped by this node when it stops.
     */
    private static Server adopted(OrphanCheck.Orphan orphan, LocalSecrets secrets) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {orphan.port()});
        ds.setDatabaseName(DATABASE);
        ds.setUser("postgres");
        ds.setPassword(secrets.superuserPassword());
        return new Server() {
            public int port() {
                return orphan.port();
            }

            public DataSource superuser() {
                return ds;
            }

            public void stop() {
                ProcessHandle.of(orphan.pid()).ifPresent(p -> {
                    p.destroy(); // SIGTERM: PostgreSQL's smart shutdown once its clients are gone
                    try {
                        p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        log.warn("the adopted PostgreSQL (pid {}) did not stop within 30 s", orphan.pid());
                    }
                });
            }
        };
    }

    /**
     * Starts (initialising on first use) the server whose data lives in {@code dataDirectory}, then brings roles and
     * schema up to date. {@code port} 0 picks a free port.
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, LocalSecrets secrets) {
        Objects.requireNonNull(dataDirectory, "'dataDirectory' must not be null");
        Objects.requireNonNull(secrets, "'secrets' must not be null");
        boolean created = !Files.exists(dataDirectory.resolve("postgresql.conf"));
        Path ownerFile = dataDirectory.resolveSibling(OWNER_FILE);
        OrphanCheck.Verdict found = OrphanCheck.inspect(dataDirectory, ownerFile);
        if (found instanceof OrphanCheck.InUse inUse) {
            throw new IllegalStateException("the embedded PostgreSQL in " + dataDirectory.toAbsolutePath()
                    + " is in use by another running node (process " + inUse.ownerPid() + "): stop it first, or start this "
                    + "node on that database with the values of './ethiq node-env' and its own --data-dir");
        }
        if (found instanceof OrphanCheck.Orphan orphan) {
            log.warn("embedded PostgreSQL (pid {}, port {}) outlived the node that started it: reusing it", orphan.pid(), orphan.port());
            writeOwner(ownerFile);
            return migrated(adopted(orphan, secrets), dataDirectory, secrets, false);
        }
        EmbeddedPostgres pg;
        Path pwfile = null;
        try {
            Files.createDirectories(dataDirectory.getParent());
            long t0 = System.nanoTime();
            // no local user is trusted: SCRAM for every connection, a superuser password from the data folder
            pwfile = LocalServerAuth.writePasswordFile(dataDirectory.getParent(), secrets.superuserPassword());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setConnectConfig("password", secrets.superuserPassword())
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // stopped by us after the app has drained (its own hook would stop it in parallel with the drain)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("timezone", "UTC");
            LocalServerAuth.initdbOptions(pwfile).forEach(builder::setLocaleConfig);
            if (port > 0) {
                builder.setPort(port);
            }
            pg = builder.start();
            log.info("embedded PostgreSQL {} on port {} in {} ms (data in {})", created ? "initialised" : "started",
                    pg.getPort(), (System.nanoTime() - t0) / 1_000_000, dataDirectory.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory.toAbsolutePath()
                    + " (another './ethiq serve' may be using it): " + e.getMessage(), e);
        } finally {
            deleteQuietly(pwfile);
        }
        writeOwner(ownerFile);
        return migrated(started(pg), dataDirectory, secrets, created);
    }

    /** Roles, password authentication, schema and context keys brought up to date on a running server. */
    private static EmbeddedDatabase migrated(Server server, Path dataDirectory, LocalSecrets secrets, boolean created) {
        try {
            DataSource admin = server.superuser();
            // data folders from before: set the superuser password and replace a trusting pg_hba.conf
            try (Connection c = admin.getConnection()) {
                if (LocalServerAuth.enforce(dataDirectory, c, secrets.superuserPassword())) {
                    log.info("embedded PostgreSQL now requires passwords (pg_hba.conf replaced)");
                }
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("cannot enforce password authentication on the embedded PostgreSQL", e);
            }
            new DatabaseBootstrap(DatabaseRoles.DEFAULT).run(admin, secrets.appPassword(), secrets.platformPassword());
            int applied = new DatabaseMigrator(DatabaseRoles.DEFAULT).migrate(admin);
            ContextKeys.derive(Keyring.parse(secrets.secretKeys(), secrets.activeKeyId())).install(admin, DatabaseRoles.DEFAULT);
            return new EmbeddedDatabase(server, dataDirectory, applied, created);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    private static void writeOwner(Path ownerFile) {
        try {
            Files.writeString(ownerFile, Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            log.warn("cannot write {}: a restart after a crash will not know the server's owner", ownerFile);
        }
    }

    /** The port of the server running on {@code dataDirectory} (from its lock file), if one runs. */
    public static java.util.OptionalInt runningPort(Path dataDirectory) {
        OrphanCheck.Verdict v = OrphanCheck.inspect(dataDirectory, dataDirectory.resolveSibling(OWNER_FILE));
        if (v instanceof OrphanCheck.InUse || v instanceof OrphanCheck.Orphan) {
            try {
                return java.util.OptionalInt.of(Integer.parseInt(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(3).strip()));
            } catch (IOException | RuntimeException e) {
                return java.util.OptionalInt.empty();
            }
        }
        return java.util.OptionalInt.empty();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + server.port() + "/" + DATABASE;
    }

    public int port() {
        return server.port();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** True when this run initialised the data directory (first start). */
    public boolean created() {
        return created;
    }

    public int migrationsApplied() {
        return migrationsApplied;
    }

    /** A superuser connection source, for administration only (the app never uses it: RLS does not bind superusers). */
    public DataSource superuser() {
        return server.superuser();
    }

    @Override
    public void close() {
        server.stop();
        try {
            Files.deleteIfExists(dataDirectory.resolveSibling(OWNER_FILE));
        } catch (IOException e) {
            log.warn("cannot delete {}", dataDirectory.resolveSibling(OWNER_FILE));
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("cannot delete the temporary password file {}", file);
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            log.warn("stopping the embedded PostgreSQL failed: {}", e.toString());
        }
    }
}
