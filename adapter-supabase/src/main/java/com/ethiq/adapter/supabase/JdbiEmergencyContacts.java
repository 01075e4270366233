package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.EmergencyContacts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link EmergencyContacts} on PostgreSQL, every call inside the tenant's own transaction. Thread-safe. */
public final class JdbiEmergencyContacts implements EmergencyContacts {
    private static final String COLUMNS = "account_id, id, name, phone_number, relationship, created_at, may_join";
    private static final String PHONE_TAKEN = "'phone' is already an emergency contact of this account";

    private final TenantTransactions tx;
    private final AccountNumbers<EmergencyContact> numbers;

    JdbiEmergencyContacts(TenantTransactions tx) {
        this.tx = tx;
        this.numbers = new AccountNumbers<>(tx, "emergency_contacts", COLUMNS, JdbiEmergencyContacts::contact,
                "'id' is already used by a contact of this account", PHONE_TAKEN);
    }

    @Override
    public List<EmergencyContact> list(TenantId tenant) {
        return numbers.list(tenant);
    }

    @Override
    public Optional<EmergencyContact> find(TenantId tenant, UUID contactId) {
        return numbers.find(tenant, contactId);
    }

    @Override
    public void add(EmergencyContact contact) {
        numbers.write(() -> tx.inTenant(contact.tenant(), h -> h.createUpdate("""
                        insert into ethiq.emergency_contacts (account_id, id, name, phone_number, relationship, created_at, may_join)
                        values (:t, :id, :name, :phone, :relationship, :created, :may_join)""")
                .bindMap(fields(contact))
                .bind("created", Sql.ts(contact.createdAt()))
                .execute()));
    }

    @Override
    public boolean update(EmergencyContact contact) {
        return numbers.write(() -> tx.inTenant(contact.tenant(), h -> h.createUpdate("""
                        update ethiq.emergency_contacts
                           set name = :name, phone_number = :phone, relationship = :relationship, may_join = :may_join,
                               updated_at = now()
                         where account_id = :t and id = :id""")
                .bindMap(fields(contact))
                .execute() == 1));
    }

    @Override
    public boolean remove(TenantId tenant, UUID contactId) {
        return numbers.remove(tenant, contactId);
    }

    /** The named values an insert and an update both bind. */
    private static java.util.Map<String, Object> fields(EmergencyContact contact) {
        return java.util.Map.of("t", contact.tenant().value(), "id", contact.id(), "name", contact.name(),
                "phone", contact.phone().e164(), "relationship", contact.relationship(), "may_join", contact.mayJoin());
    }

    static EmergencyContact contact(ResultSet rs, StatementContext ctx) throws SQLException {
        return new EmergencyContact(Sql.uuid(rs, "id"), new TenantId(Sql.uuid(rs, "account_id")), rs.getString("name"),
                PhoneNumber.of(rs.getString("phone_number")), rs.getString("relationship"), Sql.instant(rs, "created_at"),
                rs.getBoolean("may_join"));
    }
}
