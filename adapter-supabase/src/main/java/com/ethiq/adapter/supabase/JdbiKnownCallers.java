package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.CallerListing;
import com.ethiq.core.domain.KnownCaller;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.KnownCallers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link KnownCallers} on PostgreSQL, every call inside the tenant's own transaction (forced RLS). Thread-safe. */
public final class JdbiKnownCallers implements KnownCallers {
    private static final String COLUMNS = "account_id, id, phone_number, name, listing, created_at";
    private static final String PHONE_TAKEN = "'phone' is already listed by this account";

    private final TenantTransactions tx;

    JdbiKnownCallers(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public List<KnownCaller> list(TenantId tenant) {
        return tx.inTenant(tenant, h -> h.createQuery("select " + COLUMNS
                        + " from ethiq.known_callers where account_id = :t order by created_at, id")
                .bind("t", tenant.value())
                .map(JdbiKnownCallers::caller)
                .list());
    }

    @Override
    public Optional<KnownCaller> find(TenantId tenant, UUID id) {
        return tx.inTenant(tenant, h -> h.createQuery("select " + COLUMNS
                        + " from ethiq.known_callers where account_id = :t and id = :id")
                .bind("t", tenant.value())
                .bind("id", id)
                .map(JdbiKnownCallers::caller)
                .findOne());
    }

    @Override
    public Optional<KnownCaller> findByPhone(TenantId tenant, PhoneNumber phone) {
        return tx.inTenant(tenant, h -> h.createQuery("select " + COLUMNS
                        + " from ethiq.known_callers where account_id = :t and phone_number = :phone")
                .bind("t", tenant.value())
                .bind("phone", phone.e164())
                .map(JdbiKnownCallers::caller)
                .findOne());
    }

    @Override
    public void add(KnownCaller caller) {
        conflictsExplained(() -> tx.inTenant(caller.tenant(), h -> h.createUpdate("""
                        insert into ethiq.known_callers (account_id, id, phone_number, name, listing, created_at)
                        values (:t, :id, :phone, :name, :listing, :created)""")
                .bind("t", caller.tenant().value())
                .bind("id", caller.id())
                .bind("phone", caller.phone().e164())
                .bind("name", caller.name())
                .bind("listing", caller.listing().wire())
                .bind("created", Sql.ts(caller.createdAt()))
                .execute()));
    }

    @Override
    public boolean update(KnownCaller caller) {
        return conflictsExplained(() -> tx.inTenant(caller.tenant(), h -> h.createUpdate("""
                        update ethiq.known_callers
                           set phone_number = :phone, name = :name, listing = :listing, updated_at = now()
                         where account_id = :t and id = :id""")
                .bind("t", caller.tenant().value())
                .bind("id", caller.id())
                .bind("phone", caller.phone().e164())
                .bind("name", caller.name())
                .bind("listing", caller.listing().wire())
                .execute() == 1));
    }

    @Override
    public boolean remove(TenantId tenant, UUID id) {
        return tx.inTenant(tenant, h -> h.createUpdate("delete from ethiq.known_callers where account_id = :t and id = :id")
                .bind("t", tenant.value())
                .bind("id", id)
                .execute() == 1);
    }

    private static <T> T conflictsExplained(Supplier<T> write) {
        try {
            return write.get();
        } catch (SqlErrors.Conflict e) {
            if (e.constraint().filter("known_callers_pkey"::equals).isPresent()) {
                throw new ConflictException("'id' is already used by an entry of this account", e);
            }
            if (e.constraint().filter("known_callers_phone_key"::equals).isPresent()) {
                throw new ConflictException(PHONE_TAKEN, e);
            }
            throw e;
        }
    }

    static KnownCaller caller(ResultSet rs, StatementContext ctx) throws SQLException {
        return new KnownCaller(Sql.uuid(rs, "id"), new TenantId(Sql.uuid(rs, "account_id")), PhoneNumber.of(rs.getString("phone_number")),
                rs.getString("name"), CallerListing.fromWire(rs.getString("listing")), Sql.instant(rs, "created_at"));
    }
}
