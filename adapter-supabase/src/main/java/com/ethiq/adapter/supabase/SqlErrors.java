package com.ethiq.adapter.supabase;

import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.PersistenceException;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns driver and pool failures into the core's exceptions. Messages are generic on purpose: the server's
 * DETAIL (which may quote a value) never reaches a caller; only our own constraint names are kept, for
 * repositories to choose a field-specific message. Stateless.
 */
final class SqlErrors {
    private SqlErrors() {
    }

    static RuntimeException translate(RuntimeException e) {
        if (e instanceof ConflictException || e instanceof PersistenceException) {
            return e;
        }
        SQLException sql = sqlCause(e);
        if (sql == null) {
            // connection-level failures without a server answer; statement-building errors are our bugs and pass
            if (e instanceof org.jdbi.v3.core.ConnectionException || e instanceof org.jdbi.v3.core.transaction.TransactionException
                    || e instanceof org.jdbi.v3.core.CloseException) {
                return new PersistenceException("the store is unavailable", e);
            }
            return e; // our own bug or bad input (IllegalArgumentException...): let it through unchanged
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        String constraint = constraintOf(sql).orElse(null);
        return switch (state) {
            case "23505" -> new Conflict("the value is already in use", constraint, e);
            case "23503" -> new Conflict("the referenced record does not exist", constraint, e);
            case "42501" -> new Conflict("the operation is not permitted for this account", constraint, e);
            // 22021/22P05: text the database cannot store (a NUL byte): bad input, not an outage
            case "23514", "23502", "22001", "22P02", "22003", "22007", "22008", "22021", "22P05" ->
                    new IllegalArgumentException("the record breaks a rule of the store"
                            + (constraint == null ? "" : " (" + constraint + ")"), e);
            default -> state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                    || state.equals("40001") || state.equals("40P01") || state.equals("55P03") || state.isEmpty()
                    ? new PersistenceException("the store is unavailable or timed out (SQLSTATE " + state + ")", e)
                    : new PersistenceException("the store failed (SQLSTATE " + state + ")", e);
        };
    }

    /** The name of the constraint a conflict broke, when the server named one. */
    static Optional<String> constraintOf(Throwable e) {
        SQLException sql = sqlCause(e);
        if (sql instanceof PSQLException p) {
            ServerErrorMessage m = p.getServerErrorMessage();
            if (m != null && m.getConstraint() != null) {
                return Optional.of(m.getConstraint());
            }
        }
        return Optional.empty();
    }

    static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** A conflict that remembers which constraint fired (for the repositories' messages, never shown as such). */
    static final class Conflict extends ConflictException {
        private final String constraint;

        Conflict(String message, String constraint, Throwable cause) {
            super(message, cause);
            this.constraint = constraint;
        }

        Optional<String> constraint() {
            return Optional.ofNullable(constraint);
        }
    }
}
