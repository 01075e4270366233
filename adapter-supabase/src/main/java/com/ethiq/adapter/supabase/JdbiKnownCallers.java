package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.CallerListing;
import com.ethiq.core.domain.KnownCaller;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.KnownCallers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link KnownCallers} on PostgreSQL, every call inside the tenant's own transaction (forced RLS). Thread-safe. */
public final class JdbiKnownCallers implements KnownCallers {
    private static final String COLUMNS = "account_id, id, phone_number, name, listing, created_at";
    private static final String PHONE_TAKEN = "'phone' is already listed by this account";

    private final TenantTransactions tx;
    private final AccountNumbers<KnownCaller> numbers;

    JdbiKnownCallers(TenantTransactions tx) {
        this.tx = tx;
        this.numbers = new AccountNumbers<>(tx, "known_callers", COLUMNS, JdbiKnownCallers::caller,
                "'id' is already used by an entry of this account", PHONE_TAKEN);
    }

    @Override
    public List<KnownCaller> list(TenantId tenant) {
        return numbers.list(tenant);
    }

    @Override
    public Optional<KnownCaller> find(TenantId tenant, UUID id) {
        return numbers.find(tenant, id);
    }

    @Override
    public Optional<KnownCaller> findByPhone(TenantId tenant, PhoneNumber phone) {
        return numbers.findBy(tenant, "phone_number", phone.e164());
    }

    @Override
    public void add(KnownCaller caller) {
        numbers.write(() -> tx.inTenant(caller.tenant(), h -> h.createUpdate("""
                        insert into ethiq.known_callers (account_id, id, phone_number, name, listing, created_at)
                        values (:t, :id, :phone, :name, :listing, :created)""")
                .bindMap(fields(caller))
                .bind("created", Sql.ts(caller.createdAt()))
                .execute()));
    }

    @Override
    public boolean update(KnownCaller caller) {
        return numbers.write(() -> tx.inTenant(caller.tenant(), h -> h.createUpdate("""
                        update ethiq.known_callers
                           set phone_number = :phone, name = :name, listing = :listing, updated_at = now()
                         where account_id = :t and id = :id""")
                .bindMap(fields(caller))
                .execute() == 1));
    }

    @Override
    public boolean remove(TenantId tenant, UUID id) {
        return numbers.remove(tenant, id);
    }

    /** The named values an insert and an update both bind. */
    private static java.util.Map<String, Object> fields(KnownCaller caller) {
        return java.util.Map.of("t", caller.tenant().value(), "id", caller.id(), "phone", caller.phone().e164(),
                "name", caller.name(), "listing", caller.listing().wire());
    }

    static KnownCaller caller(ResultSet rs, StatementContext ctx) throws SQLException {
        return new KnownCaller(Sql.uuid(rs, "id"), new TenantId(Sql.uuid(rs, "account_id")), PhoneNumber.of(rs.getString("phone_number")),
                rs.getString("name"), CallerListing.fromWire(rs.getString("listing")), Sql.instant(rs, "created_at"));
    }
}
