package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * SQL for audit entries, shared by the audit trail and by platform jobs that must leave a trace in the tenant's
 * chain. seq, prev_hash and hash are assigned by the database trigger. Stateless.
 */
final class AuditRows {
    private AuditRows() {
    }

    private static final String INSERT_TENANT = """
            with entry as (
                insert into ethiq.audit_log (account_id, id, actor, action, target, occurred_at, details)
                values (:tenant, :id, :actor, :action, :target, :at,
                        pg_catalog.jsonb_object(cast(:keys as text[]), cast(:vals as text[])))
                on conflict (account_id, id) do nothing
                returning account_id, seq)
            insert into ethiq.audit_log_context (account_id, seq, ip, user_agent)
            select account_id, seq, :ip, :ua from entry where :ip <> '' or :ua <> ''""";

    private static final String INSERT_PLATFORM = """
            insert into ethiq.platform_audit_log (id, actor, action, target, occurred_at, details, ip, user_agent)
            values (:id, :actor, :action, :target, :at, pg_catalog.jsonb_object(cast(:keys as text[]), cast(:vals as text[])),
                    :ip, :ua)
            on conflict (id) do nothing""";

    static final String DETAIL_ARRAYS = """
            (select coalesce(pg_catalog.array_agg(e.key order by e.key), '{}') from pg_catalog.jsonb_each_text(a.details) e) as detail_keys,
            (select coalesce(pg_catalog.array_agg(e.value order by e.key), '{}') from pg_catalog.jsonb_each_text(a.details) e) as detail_values""";

    private static final String APPEND_SIGNED = """
            select ethiq.append_audit(:grant, :tenant, :id, :actor, :action, :target, :at, cast(:keys as text[]),
                                      cast(:vals as text[]), :ip, :ua)""";

    /**
     * Appends to the tenant's chain as the app role, inside the tenant's transaction: the app role may not insert
     * audit rows itself (V51), it calls ethiq.append_audit with a grant signed over the whole entry.
     */
    static void appendSigned(Handle h, ContextKeys keys, AuditEvent e) {
        List<String> keyList = new ArrayList<>(e.details().keySet());
        List<String> vals = keyList.stream().map(e.details()::get).toList();
        Instant at = e.at().truncatedTo(ChronoUnit.MICROS);
        h.createQuery(APPEND_SIGNED)
                .bind("grant", keys.auditGrant(e.tenant().value(), e.id(), e.actor(), e.action(), e.target(), at, e.ip(),
                        e.userAgent(), keyList, vals))
                .bind("at", Sql.ts(at))
                .bind("tenant", e.tenant().value())
                .bind("id", e.id())
                .bind("actor", e.actor())
                .bind("action", e.action())
                .bind("target", e.target())
                .bindArray("keys", String.class, keyList)
                .bindArray("vals", String.class, vals)
                .bind("ip", e.ip())
                .bind("ua", e.userAgent())
                .mapTo(String.class).list();
    }

    /** Appends to the tenant's chain as the platform role (jobs; the database sets seq, hash and time). */
    static void appendTenant(Handle h, AuditEvent e) {
        withEvent(h.createUpdate(INSERT_TENANT), e).bind("tenant", e.tenant().value()).execute();
    }

    static void appendPlatform(Handle h, AuditEvent e) {
        withEvent(h.createUpdate(INSERT_PLATFORM), e).execute();
    }

    /** Binds what both chains store of an event: who, what, when, from where, and its details as two arrays. */
    private static Update withEvent(Update insert, AuditEvent e) {
        List<String> keys = new ArrayList<>(e.details().keySet());
        List<String> vals = keys.stream().map(e.details()::get).toList();
        return insert
                .bind("id", e.id())
                .bind("actor", e.actor())
                .bind("action", e.action())
                .bind("target", e.target())
                .bind("at", Sql.ts(e.at()))
                .bindArray("keys", String.class, keys)
                .bindArray("vals", String.class, vals)
                .bind("ip", e.ip())
                .bind("ua", e.userAgent());
    }

    /** A platform job's trace in a tenant's chain. */
    static void platformAction(Handle h, UUID id, TenantId tenant, String actor, String action, String target,
                               Instant at, Map<String, String> details) {
        appendTenant(h, new AuditEvent(id, tenant, actor, action, target, "", "", at, details));
    }

    static Map<String, String> details(ResultSet rs) throws SQLException {
        String[] keys = Sql.strings(rs, "detail_keys");
        String[] values = Sql.strings(rs, "detail_values");
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            out.put(keys[i], values[i]);
        }
        return out;
    }
}
