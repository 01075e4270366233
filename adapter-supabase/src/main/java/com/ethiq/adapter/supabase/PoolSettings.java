package com.ethiq.adapter.supabase;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach PostgreSQL as one role through a connection pool. {@code transactionPooler} is true behind a
 * transaction-mode pooler (Supavisor/PgBouncer port 6543): no server-side prepared statements
 * ({@code prepareThreshold=0}) and no per-connection settings (the statement timeout then comes from the role's
 * defaults, see {@link DatabaseBootstrap}). Immutable.
 */
public record PoolSettings(String jdbcUrl, String user, String password, String poolName, int maximumPoolSize,
                           Duration connectionTimeout, Duration statementTimeout, boolean transactionPooler) {

    public PoolSettings {
        Objects.requireNonNull(jdbcUrl, "'jdbcUrl' must not be null");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("'jdbcUrl' must start with jdbc:postgresql:");
        }
        Objects.requireNonNull(user, "'user' must not be null");
        Objects.requireNonNull(poolName, "'poolName' must not be null");
        if (maximumPoolSize < 1 || maximumPoolSize > 200) {
            throw new IllegalArgumentException("'maximumPoolSize' must be 1-200, got " + maximumPoolSize);
        }
        Objects.requireNonNull(connectionTimeout, "'connectionTimeout' must not be null");
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("'connectionTimeout' must be at least 250 ms, got " + connectionTimeout);
        }
        Objects.requireNonNull(statementTimeout, "'statementTimeout' must not be null");
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalArgumentException("'statementTimeout' must be positive, got " + statementTimeout);
        }
    }

    /** 10 connections, 3 s to get one, 5 s per statement, direct or session-mode connection. */
    public static PoolSettings of(String jdbcUrl, String user, String password) {
        return new PoolSettings(jdbcUrl, user, password, "ethiq-" + user, 10, Duration.ofSeconds(3), Duration.ofSeconds(5), false);
    }

    public PoolSettings withPoolName(String value) {
        return new PoolSettings(jdbcUrl, user, password, value, maximumPoolSize, connectionTimeout, statementTimeout, transactionPooler);
    }

    public PoolSettings withMaximumPoolSize(int value) {
        return new PoolSettings(jdbcUrl, user, password, poolName, value, connectionTimeout, statementTimeout, transactionPooler);
    }

    public PoolSettings withConnectionTimeout(Duration value) {
        return new PoolSettings(jdbcUrl, user, password, poolName, maximumPoolSize, value, statementTimeout, transactionPooler);
    }

    public PoolSettings withStatementTimeout(Duration value) {
        return new PoolSettings(jdbcUrl, user, password, poolName, maximumPoolSize, connectionTimeout, value, transactionPooler);
    }

    public PoolSettings withTransactionPooler(boolean value) {
        return new PoolSettings(jdbcUrl, user, password, poolName, maximumPoolSize, connectionTimeout, statementTimeout, value);
    }

    @Override
    public String toString() {
        // never the password
        return "PoolSettings[" + poolName + " " + user + "@" + jdbcUrl.replaceAll("\\?.*", "") + ", max " + maximumPoolSize
                + (transactionPooler ? ", transaction pooler" : "") + "]";
    }
}
