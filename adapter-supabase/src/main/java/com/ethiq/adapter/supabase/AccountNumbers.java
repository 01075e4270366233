package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ConflictException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The shape an account's list of phone numbers shares (emergency contacts, known callers): one table keyed
 * {@code (account_id, id)} with a unique number per account ({@code {table}_pkey}, {@code {table}_phone_key}), read and
 * written inside the tenant's own transaction (forced RLS). The stores keep their own inserts and updates (their
 * columns differ); the reads, the removal and what a conflict means are here once. Thread-safe.
 */
final class AccountNumbers<T> {
    private final TenantTransactions tx;
    private final String table;
    private final String select;
    private final RowMapper<T> rows;
    private final String idTaken;
    private final String phoneTaken;

    /**
     * @param table      the table's name in schema {@code ethiq} (a constant, never input)
     * @param columns    the columns {@code rows} reads
     * @param idTaken    the conflict message when the id is used already
     * @param phoneTaken the conflict message when the account has that number already
     */
    AccountNumbers(TenantTransactions tx, String table, String columns, RowMapper<T> rows, String idTaken, String phoneTaken) {
        this.tx = tx;
        this.table = table;
        this.select = "select " + columns + " from ethiq." + table + " where account_id = :t";
        this.rows = rows;
        this.idTaken = idTaken;
        this.phoneTaken = phoneTaken;
    }

    /** The account's rows, oldest first. */
    List<T> list(TenantId tenant) {
        return tx.inTenant(tenant, h -> h.createQuery(select + " order by created_at, id")
                .bind("t", tenant.value())
                .map(rows)
                .list());
    }

    /** The account's row with that id. */
    Optional<T> find(TenantId tenant, UUID id) {
        return findBy(tenant, "id", id);
    }

    /** The account's row whose {@code column} (a constant) is {@code value}; the column must be unique per account. */
    Optional<T> findBy(TenantId tenant, String column, Object value) {
        return tx.inTenant(tenant, h -> h.createQuery(select + " and " + column + " = :value")
                .bind("t", tenant.value())
                .bind("value", value)
                .map(rows)
                .findOne());
    }

    /** Deletes the account's row with that id; whether there was one. */
    boolean remove(TenantId tenant, UUID id) {
        return tx.inTenant(tenant, h -> h.createUpdate("delete from ethiq." + table + " where account_id = :t and id = :id")
                .bind("t", tenant.value())
                .bind("id", id)
                .execute() == 1);
    }

    /** Runs an insert or update; an id or a number the account has already becomes a {@link ConflictException}. */
    <R> R write(Supplier<R> write) {
        try {
            return write.get();
        } catch (SqlErrors.Conflict e) {
            if (e.constraint().filter((table + "_pkey")::equals).isPresent()) {
                throw new ConflictException(idTaken, e);
            }
            if (e.constraint().filter((table + "_phone_key")::equals).isPresent()) {
                throw new ConflictException(phoneTaken, e);
            }
            throw e;
        }
    }
}
