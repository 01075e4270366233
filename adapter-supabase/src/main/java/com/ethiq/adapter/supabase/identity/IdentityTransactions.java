package com.ethiq.adapter.supabase.identity;

import com.ethiq.adapter.supabase.TenantTransactions;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.identity.UserId;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.PersistenceException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;

/**
 * Units of work of the identity repositories: tenant and platform ones through the store's
 * {@link TenantTransactions}, and user-scoped ones, a transaction on the app role's pool whose first statement sets
 * {@code app.current_user_id} transaction-locally, so row-level security shows that user's rows only (the same
 * mechanism as tenants, see V50). Thread-safe.
 */
final class IdentityTransactions {
    private static final String SET_USER = "select pg_catalog.set_config('app.current_user_id', :user, true)";

    private final TenantTransactions tx;
    private final Jdbi app;

    IdentityTransactions(TenantTransactions tx, Jdbi app) {
        this.tx = Objects.requireNonNull(tx, "'tx' must not be null");
        this.app = Objects.requireNonNull(app, "'app' must not be null");
    }

    <T> T inUser(UserId user, HandleCallback<T, RuntimeException> work) {
        Objects.requireNonNull(user, "'user' must not be null");
        try {
            return app.inTransaction(h -> {
                h.createQuery(SET_USER).bind("user", tx.contextKeys().userToken(user.value())).mapTo(String.class).one();
                return work.withHandle(h);
            });
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    com.ethiq.adapter.supabase.ContextKeys contextKeys() {
        return tx.contextKeys();
    }

    <T> T inTenant(TenantId tenant, HandleCallback<T, RuntimeException> work) {
        return tx.inTenant(tenant, work);
    }

    <T> T onPlatform(HandleCallback<T, RuntimeException> work) {
        return tx.onPlatform(work);
    }

    <T> T platformRead(HandleCallback<T, RuntimeException> work) {
        return tx.platformRead(work);
    }

    /** Same mapping as the store's: uniqueness → conflict, rule broken → bad input, the rest → store failure. */
    static RuntimeException translate(RuntimeException e) {
        if (e instanceof ConflictException || e instanceof PersistenceException || e instanceof IllegalArgumentException) {
            return e;
        }
        SQLException sql = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                sql = s;
                break;
            }
        }
        if (sql == null) {
            return e instanceof org.jdbi.v3.core.JdbiException ? new PersistenceException("the store is unavailable", e) : e;
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        return switch (state) {
            case "23505", "23503" -> new ConflictException("the value is already in use", e);
            case "23514", "23502", "22001", "22P02", "22021", "22P05" -> new IllegalArgumentException("the record breaks a rule of the store", e);
            default -> new PersistenceException("the store failed (SQLSTATE " + state + ")", e);
        };
    }

    /** A timestamptz argument (microseconds, UTC). */
    static Argument ts(Instant instant) {
        return (position, statement, ctx) -> {
            if (instant == null) {
                statement.setNull(position, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(position, java.time.OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC));
            }
        };
    }

    static Instant instant(java.sql.ResultSet rs, String column) throws SQLException {
        java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static java.util.UUID uuid(java.sql.ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, java.util.UUID.class);
    }
}
