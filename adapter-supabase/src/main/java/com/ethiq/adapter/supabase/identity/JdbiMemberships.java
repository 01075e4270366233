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
            tx.inTenant(m.tenant(), h -> write(h, "add", m.tenant(), m.user(), m.role().wire(), m));
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
            write(h, "role", tenant, user, role.wire(), null);
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
            write(h, "remove", tenant, user, null, null);
            return ChangeOutcome.CHANGED;
        });
    }

    @Override
    public int removeAll(TenantId tenant) {
        return tx.inTenant(tenant, h -> write(h, "remove_all", tenant, null, null, null));
    }

    /**
     * The app role cannot write memberships (V51): it calls ethiq.write_membership with a grant signed for exactly
     * this operation, so SQL run as the app role outside this class cannot add an owner to an account.
     */
    private int write(Handle h, String op, TenantId tenant, UserId user, String role, Membership added) {
        java.util.UUID u = user == null ? null : user.value();
        return h.createQuery("select ethiq.write_membership(:g, :op, :t, :u, :r, :at)")
                .bind("g", tx.contextKeys().membershipGrant(op, tenant.value(), u, role))
                .bind("op", op).bind("t", tenant.value()).bind("u", u).bind("r", role)
                .bind("at", ts(added == null ? null : added.createdAt()))
                .mapTo(Integer.class).one();
    }

    /** Locks every membership of the account (two concurrent demotions queue here), then reads the user's role. */
    private static Optional<Role> lockAndFind(Handle h, TenantId tenant, UserId user) {
        // an advisory lock, not FOR UPDATE: the app role has no UPDATE privilege on memberships (V51)
        h.createQuery("select pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('ethiq.memberships:' || :t, 0))")
                .bind("t", tenant.value().toString()).mapTo(String.class).list();
        List<String[]> rows = h.createQuery("select user_id, role from ethiq.memberships where account_id = :t")
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
