package com.ethiq.adapter.supabase;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A pooled {@link DataSource} the caller must close at shutdown. Wraps the pool implementation so no pool type
 * leaves this adapter. Thread-safe.
 */
public final class PooledDataSource implements DataSource, AutoCloseable {
    private final DataSource delegate;
    private final AutoCloseable closer;
    private final String name;

    PooledDataSource(DataSource delegate, AutoCloseable closer, String name) {
        this.delegate = delegate;
        this.closer = closer;
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("a pool connects as its configured role only");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing pool " + name + " failed", e);
        }
    }

    @Override
    public String toString() {
        return "PooledDataSource[" + name + "]";
    }
}
