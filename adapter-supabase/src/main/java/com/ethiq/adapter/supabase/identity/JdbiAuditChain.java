package com.ethiq.adapter.supabase.identity;

import static com.ethiq.adapter.supabase.identity.IdentityTransactions.instant;
import static com.ethiq.adapter.supabase.identity.IdentityTransactions.uuid;

import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.backoffice.AuditChain;
import com.ethiq.core.management.backoffice.AuditHashing;
import com.ethiq.core.management.backoffice.ChainedAuditEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link AuditChain} over the store's audit tables (migration V5): rows exactly as stored, hashes in hex, the first
 * link's missing predecessor as {@link AuditHashing#GENESIS}, IP and user agent from the erasable context table.
 * Tenant chains are read under the tenant's row-level security, the platform chain as the platform role. Thread-safe.
 */
public final class JdbiAuditChain implements AuditChain {
    private static final String DETAILS = """
            (select coalesce(pg_catalog.array_agg(e.key order by e.key), '{}') from pg_catalog.jsonb_each_text(a.details) e) as detail_keys,
            (select coalesce(pg_catalog.array_agg(e.value order by e.key), '{}') from pg_catalog.jsonb_each_text(a.details) e) as detail_values""";
    private static final String TENANT = "select a.account_id, a.seq, a.id, a.actor, a.action, a.target, a.occurred_at, a.prev_hash, a.hash, "
            + "coalesce(x.ip, '') as ip, coalesce(x.user_agent, '') as user_agent, " + DETAILS
            + " from ethiq.audit_log a left join ethiq.audit_log_context x on x.account_id = a.account_id and x.seq = a.seq"
            + " where a.account_id = :t";
    private static final String PLATFORM = "select null::uuid as account_id, a.seq, a.id, a.actor, a.action, a.target, a.occurred_at, "
            + "a.prev_hash, a.hash, a.ip, a.user_agent, " + DETAILS + " from ethiq.platform_audit_log a where true";

    private final IdentityTransactions tx;

    JdbiAuditChain(IdentityTransactions tx) {
        this.tx = tx;
    }

    @Override
    public List<ChainedAuditEvent> read(TenantId tenant, long afterSequence, int limit) {
        return query(tenant, " and a.seq > :s order by a.seq asc limit :l", afterSequence, limit);
    }

    @Override
    public List<ChainedAuditEvent> page(TenantId tenant, long beforeSequence, int limit) {
        return query(tenant, " and a.seq < :s order by a.seq desc limit :l", beforeSequence, limit);
    }

    private List<ChainedAuditEvent> query(TenantId tenant, String tail, long seq, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        if (tenant == null) {
            return tx.platformRead(h -> h.createQuery(PLATFORM + tail).bind("s", seq).bind("l", limit)
                    .map((rs, ctx) -> row(rs, null)).list());
        }
        return tx.inTenant(tenant, h -> h.createQuery(TENANT + tail).bind("t", tenant.value()).bind("s", seq).bind("l", limit)
                .map((rs, ctx) -> row(rs, tenant)).list());
    }

    private static ChainedAuditEvent row(ResultSet rs, TenantId tenant) throws SQLException {
        String[] keys = (String[]) rs.getArray("detail_keys").getArray();
        String[] values = (String[]) rs.getArray("detail_values").getArray();
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            details.put(keys[i], values[i]);
        }
        AuditEvent e = new AuditEvent(uuid(rs, "id"), tenant, rs.getString("actor"), rs.getString("action"), rs.getString("target"),
                rs.getString("ip"), rs.getString("user_agent"), instant(rs, "occurred_at"), details);
        byte[] prev = rs.getBytes("prev_hash");
        return new ChainedAuditEvent(rs.getLong("seq"), e, prev == null ? AuditHashing.GENESIS : HexFormat.of().formatHex(prev),
                HexFormat.of().formatHex(rs.getBytes("hash")));
    }
}
