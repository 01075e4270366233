package com.ethiq.adapter.supabase.identity;

import static com.ethiq.adapter.supabase.identity.IdentityTransactions.instant;
import static com.ethiq.adapter.supabase.identity.IdentityTransactions.ts;
import static com.ethiq.adapter.supabase.identity.IdentityTransactions.uuid;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.identity.Membership;
import com.ethiq.core.management.identity.Memberships;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.management.identity.UserId;
import com.ethiq.core.port.ConflictException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@link Memberships} on PostgreSQL: a tenant table under the app role's row-level security, except "which
 * accounts is this user in", a platform read. Role changes and removals lock the account's memberships first, so
 * the one-owner rule holds under concurrency. Thread-safe.
 */
public final class JdbiMemberships implements Memberships {
    private final IdentityTransactions tx;

    JdbiMemberships(IdentityTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void add(Membership m) {
        try {
            tx.inTenant(m.tenant(), h -> h.createUpdate("""
                            insert into ethiq.memberships (account_id, user_id, role, created_at) values (:t, :u, :r, :at)""")
                    .bind("t", m.tenant().value()).bind("u", m.user().value()).bind("r", m.role().wire())
                    .bind("at", ts(m.createdAt())).execute());
        } catch (ConflictException e) {
            throw new ConflictException("'user' is already a member of this account", e);
        }
    }

    @Override
    public Optional<Membership> find(TenantId tenant, UserId user) {
        return tx.inTenant(tenant, h -> h.createQuery("""
                        select account_id, user_id, role, created_at from ethiq.memberships where account_id = :t and user_id = :u""")
                .bind("t", tenant.value()).bind("u", user.value()).map((rs, ctx) -> membership(rs)).findOne());
    }

    @Override
    public List<Membership> ofTenant(TenantId tenant) {
        return tx.inTenant(tenant, h -> h.createQuery("""
                        select account_id, user_id, role, created_at from ethiq.memberships where account_id = :t
                         order by created_at, user_id""")
                .bind("t", tenant.value()).map((rs, ctx) -> membership(rs)).list());
    }

    @Override
    public List<Membership> ofUser(UserId user) {
        return tx.platformRead(h -> h.createQuery("""
                        select account_id, user_id, role, created_at from ethiq.memberships where user_id = :u
                         order by created_at, account_id""")
                .bind("u", user.value()).map((rs, ctx) -> membership(rs)).list());
    }

    @Override
    public ChangeOutcome changeRole(TenantId tenant, UserId user, Role role) {
        return tx.inTenant(tenant, h -> {
            Optional<Role> current = lockAndFind(h, tenant, user);
            if (current.isEmpty()) {
                return ChangeOutcome.NOT_FOUND;
            }
            if (current.get() == Role.OWNER && role != Role.OWNER && owners(h, tenant) == 1) {
                return ChangeOutcome.LAST_OWNER;
            }
            h.createUpdate("update ethiq.memberships set role = :r where account_id = :t and user_id = :u")
                    .bind("r", role.wire()).bind("t", tenant.value()).bind("u", user.value()).execute();
            return ChangeOutcome.CHANGED;
        });
    }

    @Override
    public ChangeOutcome remove(TenantId tenant, UserId user) {
        return tx.inTenant(tenant, h -> {
            Optional<Role> current = lockAndFind(h, tenant, user);
            if (current.isEmpty()) {
                return ChangeOutcome.NOT_FOUND;
            }
            if (current.get() == Role.OWNER && owners(h, tenant) == 1) {
                return ChangeOutcome.LAST_OWNER;
            }
            h.createUpdate("delete from ethiq.memberships where account_id = :t and user_id = :u")
                    .bind("t", tenant.value()).bind("u", user.value()).execute();
            return ChangeOutcome.CHANGED;
        });
    }

    @Override
    public int removeAll(TenantId tenant) {
        return tx.inTenant(tenant, h -> h.createUpdate("delete from ethiq.memberships where account_id = :t")
                .bind("t", tenant.value()).execute());
    }

    /** Locks every membership of the account (two concurrent demotions queue here), then reads the user's role. */
    private static Optional<Role> lockAndFind(Handle h, TenantId tenant, UserId user) {
        List<String[]> rows = h.createQuery("select user_id, role from ethiq.memberships where account_id = :t for update")
                .bind("t", tenant.value())
                .map((rs, ctx) -> new String[] {rs.getString("user_id"), rs.getString("role")}).list();
        return rows.stream().filter(r -> r[0].equals(user.value().toString())).findFirst().map(r -> Role.fromWire(r[1]));
    }

    private static int owners(Handle h, TenantId tenant) {
        return h.createQuery("select count(*) from ethiq.memberships where account_id = :t and role = 'owner'")
                .bind("t", tenant.value()).mapTo(Integer.class).one();
    }

    private static Membership membership(ResultSet rs) throws SQLException {
        return new Membership(new TenantId(uuid(rs, "account_id")), new UserId(uuid(rs, "user_id")), Role.fromWire(rs.getString("role")),
                instant(rs, "created_at"));
    }
}
