package com.ethiq.adapter.supabase.identity;

import static com.ethiq.adapter.supabase.identity.IdentityTransactions.instant;
import static com.ethiq.adapter.supabase.identity.IdentityTransactions.ts;
import static com.ethiq.adapter.supabase.identity.IdentityTransactions.uuid;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.identity.EmailAddress;
import com.ethiq.core.management.identity.Invitation;
import com.ethiq.core.management.identity.Invitations;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.management.identity.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link Invitations} on PostgreSQL: a tenant table; finding one by its token hash and marking it accepted are
 * the platform path (the invitee is not a member yet). Thread-safe.
 */
public final class JdbiInvitations implements Invitations {
    private static final String COLUMNS = "account_id, id, email, role, token_hash, invited_by, created_at, expires_at, accepted_at";
    private final IdentityTransactions tx;

    JdbiInvitations(IdentityTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void create(Invitation i) {
        tx.inTenant(i.tenant(), h -> h.createUpdate("insert into ethiq.invitations (" + COLUMNS + ") "
                        + "values (:t, :id, :email, :role, :hash, :by, :created, :expires, :accepted)")
                .bind("t", i.tenant().value()).bind("id", i.id()).bind("email", i.email().value()).bind("role", i.role().wire())
                .bind("hash", i.tokenHash()).bind("by", i.invitedBy().value()).bind("created", ts(i.createdAt()))
                .bind("expires", ts(i.expiresAt())).bind("accepted", ts(i.acceptedAt())).execute());
    }

    @Override
    public Optional<Invitation> findByTokenHash(String tokenHash) {
        return tx.platformRead(h -> h.createQuery("select " + COLUMNS + " from ethiq.invitations where token_hash = :h")
                .bind("h", tokenHash).map((rs, ctx) -> invitation(rs)).findFirst());
    }

    @Override
    public boolean markAccepted(UUID invitationId, Instant at) {
        return tx.onPlatform(h -> h.createUpdate("update ethiq.invitations set accepted_at = :at where id = :id and accepted_at is null")
                .bind("at", ts(at)).bind("id", invitationId).execute()) == 1;
    }

    @Override
    public List<Invitation> pending(TenantId tenant, Instant now) {
        return tx.inTenant(tenant, h -> h.createQuery("select " + COLUMNS + " from ethiq.invitations "
                        + "where account_id = :t and accepted_at is null and expires_at > :now order by created_at, id")
                .bind("t", tenant.value()).bind("now", ts(now)).map((rs, ctx) -> invitation(rs)).list());
    }

    @Override
    public boolean revoke(TenantId tenant, UUID invitationId) {
        return tx.inTenant(tenant, h -> h.createUpdate(
                        "delete from ethiq.invitations where account_id = :t and id = :id and accepted_at is null")
                .bind("t", tenant.value()).bind("id", invitationId).execute()) == 1;
    }

    @Override
    public int removeAll(TenantId tenant) {
        return tx.inTenant(tenant, h -> h.createUpdate("delete from ethiq.invitations where account_id = :t")
                .bind("t", tenant.value()).execute());
    }

    private static Invitation invitation(ResultSet rs) throws SQLException {
        return new Invitation(uuid(rs, "id"), new TenantId(uuid(rs, "account_id")), EmailAddress.of(rs.getString("email")),
                Role.fromWire(rs.getString("role")), rs.getString("token_hash"), new UserId(uuid(rs, "invited_by")),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "accepted_at"));
    }
}
