package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.EmergencyContacts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link EmergencyContacts} on PostgreSQL, every call inside the tenant's own transaction. Thread-safe. */
public final class JdbiEmergencyContacts implements EmergencyContacts {
    private static final String COLUMNS = "account_id, id, name, phone_number, relationship, created_at, may_join";
    private static final String PHONE_TAKEN = "'phone' is already an emergency contact of this account";

    private final TenantTransactions tx;

    JdbiEmergencyContacts(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public List<EmergencyContact> list(TenantId tenant) {
        return tx.inTenant(tenant, h -> h.createQuery("select " + COLUMNS
                        + " from ethiq.emergency_contacts where account_id = :t order by created_at, id")
                .bind("t", tenant.value())
                .map(JdbiEmergencyContacts::contact)
                .list());
    }

    @Override
    public Optional<EmergencyContact> find(TenantId tenant, UUID contactId) {
        return tx.inTenant(tenant, h -> h.createQuery("select " + COLUMNS
                        + " from ethiq.emergency_contacts where account_id = :t and id = :id")
                .bind("t", tenant.value())
                .bind("id", contactId)
                .map(JdbiEmergencyContacts::contact)
                .findOne());
    }

    @Override
    public void add(EmergencyContact contact) {
        conflictsAsPhoneTaken(() -> tx.inTenant(contact.tenant(), h -> h.createUpdate("""
                        insert into ethiq.emergency_contacts (account_id, id, name, phone_number, relationship, created_at, may_join)
                        values (:t, :id, :name, :phone, :relationship, :created, :may_join)""")
                .bind("may_join", contact.mayJoin())
                .bind("t", contact.tenant().value())
                .bind("id", contact.id())
                .bind("name", contact.name())
                .bind("phone", contact.phone().e164())
                .bind("relationship", contact.relationship())
                .bind("created", Sql.ts(contact.createdAt()))
                .execute()));
    }

    @Override
    public boolean update(EmergencyContact contact) {
        return conflictsAsPhoneTaken(() -> tx.inTenant(contact.tenant(), h -> h.createUpdate("""
                        update ethiq.emergency_contacts
                           set name = :name, phone_number = :phone, relationship = :relationship, may_join = :may_join,
                               updated_at = now()
                         where account_id = :t and id = :id""")
                .bind("may_join", contact.mayJoin())
                .bind("t", contact.tenant().value())
                .bind("id", contact.id())
                .bind("name", contact.name())
                .bind("phone", contact.phone().e164())
                .bind("relationship", contact.relationship())
                .execute() == 1));
    }

    @Override
    public boolean remove(TenantId tenant, UUID contactId) {
        return tx.inTenant(tenant, h -> h.createUpdate("delete from ethiq.emergency_contacts where account_id = :t and id = :id")
                .bind("t", tenant.value())
                .bind("id", contactId)
                .execute() == 1);
    }

    private static <T> T conflictsAsPhoneTaken(Supplier<T> write) {
        try {
            return write.get();
        } catch (SqlErrors.Conflict e) {
            if (e.constraint().filter("emergency_contacts_pkey"::equals).isPresent()) {
                throw new ConflictException("'id' is already used by a contact of this account", e);
            }
            if (e.constraint().filter("emergency_contacts_phone_key"::equals).isPresent()) {
                throw new ConflictException(PHONE_TAKEN, e);
            }
            throw e;
        }
    }

    static EmergencyContact contact(ResultSet rs, StatementContext ctx) throws SQLException {
        return new EmergencyContact(Sql.uuid(rs, "id"), new TenantId(Sql.uuid(rs, "account_id")), rs.getString("name"),
                PhoneNumber.of(rs.getString("phone_number")), rs.getString("relationship"), Sql.instant(rs, "created_at"),
                rs.getBoolean("may_join"));
    }
}
