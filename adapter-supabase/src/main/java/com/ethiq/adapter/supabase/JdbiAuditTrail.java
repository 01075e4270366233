package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AuditTrail;
import java.util.List;
import java.util.Objects;

/**
 * {@link AuditTrail} on PostgreSQL. Tenant events go into the tenant's hash chain (the database assigns
 * seq/prev_hash/hash under a per-tenant lock and refuses UPDATE/DELETE); IP and user agent are stored beside the
 * chain so an erasure can remove them. Platform events (no tenant) go into the platform chain through the
 * platform role. Appending an event id twice keeps the first. Thread-safe.
 */
public final class JdbiAuditTrail implements AuditTrail {
    private final TenantTransactions tx;

    JdbiAuditTrail(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void append(AuditEvent event) {
        Objects.requireNonNull(event, "'event' must not be null");
        if (event.tenant() == null) {
            tx.onPlatform(h -> {
                AuditRows.appendPlatform(h, event);
                return null;
            });
        } else {
            tx.inTenant(event.tenant(), h -> {
                AuditRows.appendSigned(h, tx.contextKeys(), event);
                return null;
            });
        }
    }

    @Override
    public List<AuditEvent> recent(TenantId tenant, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        if (tenant == null) {
            return tx.platformRead(h -> h.createQuery("select a.id, a.actor, a.action, a.target, a.ip, a.user_agent, a.occurred_at, "
                            + AuditRows.DETAIL_ARRAYS + " from ethiq.platform_audit_log a order by a.seq desc limit :limit")
                    .bind("limit", limit)
                    .map((rs, ctx) -> new AuditEvent(Sql.uuid(rs, "id"), null, rs.getString("actor"), rs.getString("action"),
                            rs.getString("target"), rs.getString("ip"), rs.getString("user_agent"), Sql.instant(rs, "occurred_at"),
                            AuditRows.details(rs)))
                    .list());
        }
        return tx.inTenant(tenant, h -> h.createQuery("select a.id, a.actor, a.action, a.target, x.ip, x.user_agent, a.occurred_at, "
                        + AuditRows.DETAIL_ARRAYS + """
                         from ethiq.audit_log a
                         left join ethiq.audit_log_context x on x.account_id = a.account_id and x.seq = a.seq
                        where a.account_id = :t
                        order by a.seq desc limit :limit""")
                .bind("t", tenant.value())
                .bind("limit", limit)
                .map((rs, ctx) -> new AuditEvent(Sql.uuid(rs, "id"), tenant, rs.getString("actor"), rs.getString("action"),
                        rs.getString("target"), rs.getString("ip"), rs.getString("user_agent"), Sql.instant(rs, "occurred_at"),
                        AuditRows.details(rs)))
                .list());
    }
}
