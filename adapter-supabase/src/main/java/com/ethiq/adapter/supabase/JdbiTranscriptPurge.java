package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.TranscriptPurge;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link TranscriptPurge} port in one statement for every tenant: deletes the transcript segments and clears
 * the transcript text and AI analysis of calls that started longer ago than the tenant's retention
 * ({@code transcript_retention_seconds}, never less than a day). One transaction; each tenant touched gets one audit
 * entry. The core's {@code TranscriptRetention} use case runs it periodically with its clock; safe to run on several
 * nodes at once. Thread-safe.
 */
public final class JdbiTranscriptPurge implements TranscriptPurge {
    private final TenantTransactions tx;

    JdbiTranscriptPurge(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Map<TenantId, Purged> purgeExpired(Instant now) {
        Map<TenantId, Purged> byTenant = new LinkedHashMap<>();
        tx.onPlatform(h -> h.createQuery("""
                        with expired as (
                            select c.account_id, c.id
                              from ethiq.call_logs c
                              join ethiq.tenant_settings s on s.account_id = c.account_id
                             where c.content_purged_at is null
                               and c.start_time < :now - interval '1 day'
                               and c.start_time < :now - (case when c.fraud_detected or c.verdict <> 'clear'
                                        then s.transcript_retention_seconds
                                        else least(s.transcript_retention_seconds, s.clear_call_retention_seconds)
                                   end) * interval '1 second'),
                        purged as (
                            delete from ethiq.transcript_segments t using expired e
                             where t.account_id = e.account_id and t.call_log_id = e.id
                            returning t.account_id),
                        cleared as (
                            update ethiq.call_logs c
                               set transcript = null, ai_analysis = null, content_purged_at = :now, updated_at = now()
                              from expired e
                             where c.account_id = e.account_id and c.id = e.id
                            returning c.account_id),
                        counts as (
                            select account_id, sum(segments)::bigint as segments, sum(calls)::bigint as calls
                              from (select account_id, 1 as segments, 0 as calls from purged
                                    union all
                                    select account_id, 0, 1 from cleared) x
                             group by account_id),
                        audited as (
                            insert into ethiq.audit_log (account_id, id, actor, action, target, occurred_at, details)
                            select account_id, gen_random_uuid(), 'system:retention', 'retention.purged', '', :now,
                                   pg_catalog.jsonb_build_object('segments', segments::text, 'calls', calls::text)
                              from counts)
                        select account_id, segments, calls from counts order by account_id""")
                .bind("now", Sql.ts(now))
                .map((rs, ctx) -> byTenant.put(new TenantId(Sql.uuid(rs, "account_id")),
                        new Purged(rs.getLong("segments"), rs.getLong("calls"))))
                .list());
        return Collections.unmodifiableMap(byTenant);
    }
}
