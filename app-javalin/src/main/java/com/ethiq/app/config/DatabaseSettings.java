package com.ethiq.app.config;

import com.ethiq.core.domain.Secret;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * PostgreSQL, or none (in-memory stores): the app-role pool for tenant traffic, the platform role of the cross-tenant
 * jobs, the LISTEN connection, migrations at startup, and the keys encrypting tenants' credentials at rest.
 */
public record DatabaseSettings(Optional<String> url, String user, Optional<Secret> password, String platformUser,
                               Optional<Secret> platformPassword, int poolSize, boolean transactionPooler,
                               Optional<String> listenUrl, Optional<String> migrationUser,
                               Optional<Secret> migrationPassword, Optional<Secret> secretKeys,
                               Optional<String> secretActiveKey) {
    /** Connections of the platform role's pool: alert claims and retention only. */
    public static final int PLATFORM_POOL_SIZE = 4;

    public DatabaseSettings {
        Objects.requireNonNull(url, "'url' must not be null");
        Objects.requireNonNull(user, "'user' must not be null");
        Objects.requireNonNull(platformUser, "'platformUser' must not be null");
    }

    /** False: in-memory stores. */
    public boolean configured() {
        return url.isPresent();
    }

    /** The URL; call only when {@link #configured()}. */
    public String jdbcUrl() {
        return url.orElseThrow(() -> new IllegalStateException("no database configured"));
    }

    /** The LISTEN connection's URL: its own setting, else the database URL. */
    public String listenJdbcUrl() {
        return listenUrl.orElseGet(this::jdbcUrl);
    }

    public String passwordText() {
        return password.map(Secret::reveal).orElse("");
    }

    public String platformPasswordText() {
        return platformPassword.map(Secret::reveal).orElse("");
    }

    public String migrationPasswordText() {
        return migrationPassword.map(Secret::reveal).orElse("");
    }

    public static DatabaseSettings from(Map<String, String> env) {
        DatabaseSettings s = new DatabaseSettings(Settings.DATABASE_URL.read(env), Settings.DATABASE_USER.read(env),
                Settings.DATABASE_PASSWORD.read(env), Settings.DATABASE_PLATFORM_USER.read(env),
                Settings.DATABASE_PLATFORM_PASSWORD.read(env), Settings.DATABASE_POOL_SIZE.read(env),
                Settings.DATABASE_TRANSACTION_POOLER.read(env), Settings.DATABASE_LISTEN_URL.read(env),
                Settings.DATABASE_MIGRATION_USER.read(env), Settings.DATABASE_MIGRATION_PASSWORD.read(env),
                Settings.SECRET_KEYS.read(env), Settings.SECRET_ACTIVE_KEY.read(env));
        if (s.configured() && (s.secretKeys.isEmpty() || s.secretActiveKey.isEmpty())) {
            throw new IllegalArgumentException("'" + Settings.SECRET_KEYS.name() + "' and '" + Settings.SECRET_ACTIVE_KEY.name()
                    + "' are required with a database ('" + Settings.DATABASE_URL.name() + "' is set)");
        }
        return s;
    }
}
