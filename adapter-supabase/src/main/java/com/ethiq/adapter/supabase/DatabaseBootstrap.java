package com.ethiq.adapter.supabase;

import com.ethiq.core.port.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the roles and the schema the migrations expect, idempotently, on a database we administer (the embedded
 * development database, tests, a self-hosted server). On Supabase run the equivalent SQL from docs/supabase.md as
 * {@code postgres}. Needs a login with CREATEROLE (or a superuser). Stateless; not for concurrent use on one database.
 */
public final class DatabaseBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseBootstrap.class);

    private final DatabaseRoles roles;
    private final Duration appStatementTimeout;
    private final Duration platformStatementTimeout;

    public DatabaseBootstrap(DatabaseRoles roles) {
        this(roles, Duration.ofSeconds(5), Duration.ofMinutes(2));
    }

    /**
     * @param appStatementTimeout      role default for the app role; it also holds behind a transaction-mode pooler,
     *                                 where per-connection settings cannot be used
     * @param platformStatementTimeout role default for the platform role (retention, erasure and re-wrap jobs)
     */
    public DatabaseBootstrap(DatabaseRoles roles, Duration appStatementTimeout, Duration platformStatementTimeout) {
        this.roles = Objects.requireNonNull(roles, "'roles' must not be null");
        this.appStatementTimeout = positive(appStatementTimeout, "appStatementTimeout");
        this.platformStatementTimeout = positive(platformStatementTimeout, "platformStatementTimeout");
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, "'" + name + "' must not be null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + name + "' must be positive, got " + d);
        }
        return d;
    }

    /**
     * Creates (or brings back in line) the owner, app and platform roles and the {@code ethiq} schema.
     * Passwords may be null to leave them unchanged (trust/peer authentication, or already set).
     */
    public void run(DataSource admin, String appPassword, String platformPassword) {
        try (Connection c = admin.getConnection()) {
            c.setAutoCommit(true);
            ensureRole(c, roles.owner(), false, null);
            ensureRole(c, roles.app(), true, appPassword);
            ensureRole(c, roles.platform(), true, platformPassword);
            execute(c, "alter role " + roles.app() + " set statement_timeout = '" + appStatementTimeout.toMillis() + "ms'");
            execute(c, "alter role " + roles.app() + " set idle_in_transaction_session_timeout = '30s'");
            execute(c, "alter role " + roles.platform() + " set statement_timeout = '" + platformStatementTimeout.toMillis() + "ms'");
            execute(c, "alter role " + roles.platform() + " set idle_in_transaction_session_timeout = '60s'");
            if (!isSuperuser(c)) {
                // The migrating login must be able to SET ROLE to the owner. On PG16+ a role's creator gets ADMIN
                // but not SET, hence the explicit grant.
                execute(c, serverVersion(c) >= 160000
                        ? "grant " + roles.owner() + " to current_user with set true"
                        : "grant " + roles.owner() + " to current_user");
            }
            execute(c, "create schema if not exists " + DatabaseRoles.SCHEMA + " authorization " + roles.owner());
            execute(c, "alter schema " + DatabaseRoles.SCHEMA + " owner to " + roles.owner());
            execute(c, "revoke all on schema " + DatabaseRoles.SCHEMA + " from public");
            LOG.info("database roles {}, {}, {} and schema {} are in place", roles.owner(), roles.app(), roles.platform(),
                    DatabaseRoles.SCHEMA);
        } catch (SQLException e) {
            throw new PersistenceException("database bootstrap failed (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    private static void ensureRole(Connection c, String role, boolean login, String password) throws SQLException {
        boolean exists;
        try (PreparedStatement ps = c.prepareStatement("select 1 from pg_catalog.pg_roles where rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                exists = rs.next();
            }
        }
        String attributes = (login ? "login" : "nologin")
                + " nosuperuser nocreatedb nocreaterole noreplication nobypassrls inherit";
        execute(c, (exists ? "alter role " : "create role ") + role + " " + attributes);
        if (password != null) {
            // quoted by the server (format %L): a password never goes through string concatenation
            try (PreparedStatement ps = c.prepareStatement("select format('alter role %I password %L', ?, ?)")) {
                ps.setString(1, role);
                ps.setString(2, password);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    execute(c, rs.getString(1));
                }
            }
        }
    }

    private static boolean isSuperuser(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select rolsuper from pg_catalog.pg_roles where rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    static int serverVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
