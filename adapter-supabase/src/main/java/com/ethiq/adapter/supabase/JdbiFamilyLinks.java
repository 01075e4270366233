package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.family.FamilyActionTaken;
import com.ethiq.core.family.FamilyLink;
import com.ethiq.core.port.FamilyLinkStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link FamilyLinkStore} on PostgreSQL. Everything runs in the tenant's own transaction (forced RLS) except the lookup
 * by token hash, a platform read of one row by a unique key (a link arrives before its tenant is known). The action claim
 * is an insert on the (account, call, action) primary key: exactly once across threads and nodes. Thread-safe.
 */
public final class JdbiFamilyLinks implements FamilyLinkStore {
    private static final String COLUMNS = "account_id, id, call_sid, alert_id, contact_id, recipient, token_hash, created_at, "
            + "expires_at, revoked_at";

    private final TenantTransactions tx;

    JdbiFamilyLinks(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void save(FamilyLink l) {
        tx.inTenant(l.tenant(), h -> h.createUpdate("""
                        insert into ethiq.family_links (account_id, id, call_sid, alert_id, contact_id, recipient, token_hash,
                                                        created_at, expires_at, revoked_at)
                        values (:t, :id, :sid, :alert, :contact, :recipient, :hash, :created, :expires, :revoked)
                        on conflict (account_id, id) do nothing""")
                .bind("t", l.tenant().value())
                .bind("id", l.id())
                .bind("sid", l.callSid().value())
                .bind("alert", l.alertId())
                .bind("contact", l.contactId())
                .bind("recipient", l.recipient().e164())
                .bind("hash", l.tokenHash())
                .bind("created", Sql.ts(l.createdAt()))
                .bind("expires", Sql.ts(l.expiresAt()))
                .bind("revoked", l.revokedAt() == null ? null : Sql.ts(l.revokedAt()))
                .execute());
    }

    @Override
    public Optional<FamilyLink> findByHash(String tokenHash) {
        return tx.platformRead(h -> h.createQuery("select " + COLUMNS + " from ethiq.family_links where token_hash = :hash")
                .bind("hash", tokenHash)
                .map(JdbiFamilyLinks::link)
                .findOne());
    }

    @Override
    public List<FamilyLink> forCall(TenantId tenant, CallSid callSid) {
        return tx.inTenant(tenant, h -> h.createQuery("select " + COLUMNS
                        + " from ethiq.family_links where account_id = :t and call_sid = :sid order by created_at, id")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .map(JdbiFamilyLinks::link)
                .list());
    }

    @Override
    public boolean revoke(TenantId tenant, UUID linkId, Instant at) {
        return tx.inTenant(tenant, h -> h.createUpdate("""
                        update ethiq.family_links set revoked_at = :at
                         where account_id = :t and id = :id and revoked_at is null""")
                .bind("t", tenant.value())
                .bind("id", linkId)
                .bind("at", Sql.ts(at))
                .execute() == 1);
    }

    @Override
    public boolean claimAction(FamilyActionTaken a) {
        return tx.inTenant(a.tenant(), h -> h.createUpdate("""
                        insert into ethiq.family_actions (account_id, call_sid, action, actor, actor_name, at)
                        values (:t, :sid, :action, :actor, :name, :at)
                        on conflict (account_id, call_sid, action) do nothing""")
                .bind("t", a.tenant().value())
                .bind("sid", a.callSid().value())
                .bind("action", a.action())
                .bind("actor", a.actor())
                .bind("name", a.actorName())
                .bind("at", Sql.ts(a.at()))
                .execute() == 1);
    }

    @Override
    public boolean releaseAction(TenantId tenant, CallSid callSid, String action) {
        return tx.inTenant(tenant, h -> h.createUpdate("""
                        delete from ethiq.family_actions where account_id = :t and call_sid = :sid and action = :action""")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .bind("action", action)
                .execute() == 1);
    }

    @Override
    public List<FamilyActionTaken> actions(TenantId tenant, CallSid callSid) {
        return tx.inTenant(tenant, h -> h.createQuery("""
                        select account_id, call_sid, action, actor, actor_name, at from ethiq.family_actions
                         where account_id = :t and call_sid = :sid order by at, action""")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .map((rs, ctx) -> new FamilyActionTaken(new TenantId(Sql.uuid(rs, "account_id")), CallSid.of(rs.getString("call_sid")),
                        rs.getString("action"), rs.getString("actor"), rs.getString("actor_name"), Sql.instant(rs, "at")))
                .list());
    }

    static FamilyLink link(ResultSet rs, StatementContext ctx) throws SQLException {
        return new FamilyLink(Sql.uuid(rs, "id"), new TenantId(Sql.uuid(rs, "account_id")), CallSid.of(rs.getString("call_sid")),
                Sql.uuid(rs, "alert_id"), Sql.uuid(rs, "contact_id"), PhoneNumber.of(rs.getString("recipient")),
                rs.getString("token_hash"), Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"),
                rs.getTimestamp("revoked_at") == null ? null : Sql.instant(rs, "revoked_at"));
    }
}
