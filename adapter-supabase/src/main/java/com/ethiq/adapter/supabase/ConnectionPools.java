package com.ethiq.adapter.supabase;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Builds the HikariCP pools (and plain direct connections) the adapter runs on. Stateless. */
public final class ConnectionPools {
    private ConnectionPools() {
    }

    /**
     * A fixed-size pool: minimumIdle = maximum (no ramp-up latency on a call spike), connections recycled every
     * 30 minutes (below usual server and proxy idle limits), kept alive every 2 minutes, validated within 1 s.
     * The socket timeout backs up the statement timeout so a dead server cannot hang a thread forever.
     */
    public static PooledDataSource create(PoolSettings s) {
        Objects.requireNonNull(s, "'settings' must not be null");
        HikariConfig c = new HikariConfig();
        c.setPoolName(s.poolName());
        c.setJdbcUrl(s.jdbcUrl());
        c.setUsername(s.user());
        c.setPassword(s.password());
        c.setMaximumPoolSize(s.maximumPoolSize());
        c.setMinimumIdle(s.maximumPoolSize());
        c.setConnectionTimeout(s.connectionTimeout().toMillis());
        c.setValidationTimeout(Math.min(1000, s.connectionTimeout().toMillis() - 1));
        c.setMaxLifetime(Duration.ofMinutes(30).toMillis());
        c.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
        c.setIdleTimeout(0);
        c.setAutoCommit(true);
        // Connection failures at start-up surface as exceptions on first use rather than blocking construction.
        c.setInitializationFailTimeout(-1);
        c.addDataSourceProperty("ApplicationName", s.poolName());
        c.addDataSourceProperty("tcpKeepAlive", "true");
        c.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, s.connectionTimeout().toSeconds())));
        c.addDataSourceProperty("socketTimeout", String.valueOf(s.statementTimeout().toSeconds() + 30));
        c.addDataSourceProperty("reWriteBatchedInserts", "true");
        // the server's DETAIL quotes row values (e-mails, phone numbers): keep it out of exception messages and logs
        c.addDataSourceProperty("logServerErrorDetail", "false");
        if (s.transactionPooler()) {
            // A transaction-mode pooler hands each transaction to any backend: named prepared statements and
            // session settings would land on the wrong one.
            c.addDataSourceProperty("prepareThreshold", "0");
        } else {
            c.setConnectionInitSql("select pg_catalog.set_config('statement_timeout', '" + s.statementTimeout().toMillis()
                    + "', false), pg_catalog.set_config('idle_in_transaction_session_timeout', '30000', false)");
        }
        HikariDataSource ds = new HikariDataSource(c);
        return new PooledDataSource(ds, ds, s.poolName());
    }

    /**
     * Unpooled connections (one TCP connection per {@code getConnection()}): for the tenant-change listener, which
     * needs one long-lived direct or session-mode connection, and for migrations.
     */
    public static DataSource direct(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "'jdbcUrl' must not be null");
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser(user);
        ds.setPassword(password);
        ds.setApplicationName("ethiq-direct");
        ds.setTcpKeepAlive(true);
        ds.setLogServerErrorDetail(false);
        return ds;
    }
}
