package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.domain.UsageSummary;
import com.ethiq.core.port.UsageLedger;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** {@link UsageLedger} on PostgreSQL: an append-only table (the database refuses UPDATE and DELETE). Thread-safe. */
public final class JdbiUsageLedger implements UsageLedger {
    private final TenantTransactions tx;

    JdbiUsageLedger(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void record(UsageEvent event) {
        tx.inTenant(event.tenant(), h -> insert(h, event));
    }

    /** The insert inside a transaction already scoped to the event's tenant (also {@link JdbiAlertOutcomes}'s). */
    static int insert(Handle h, UsageEvent event) {
        return h.createUpdate("""
                        insert into ethiq.usage_events (account_id, id, call_sid, kind, quantity, occurred_at, detail)
                        values (:t, :id, :sid, :kind, :quantity, :at, :detail)
                        on conflict (account_id, id) do nothing""")
                .bind("t", event.tenant().value())
                .bind("id", event.id())
                .bind("sid", event.callSid() == null ? null : event.callSid().value())
                .bind("kind", event.kind().wire())
                .bind("quantity", event.quantity())
                .bind("at", Sql.ts(event.at()))
                .bind("detail", event.detail())
                .execute();
    }

    @Override
    public UsageSummary monthly(TenantId tenant, YearMonth month) {
        Map<UsageKind, Long> totals = new EnumMap<>(UsageKind.class);
        tx.inTenant(tenant, h -> h.createQuery("""
                        select kind, sum(quantity)::bigint as total from ethiq.usage_events
                         where account_id = :t and occurred_at >= :from and occurred_at < :to
                         group by kind""")
                .bind("t", tenant.value())
                .bind("from", Sql.ts(start(month)))
                .bind("to", Sql.ts(start(month.plusMonths(1))))
                .map((rs, ctx) -> totals.put(UsageKind.fromWire(rs.getString("kind")), rs.getLong("total")))
                .list());
        return new UsageSummary(tenant, month, totals);
    }

    @Override
    public List<UsageEvent> events(TenantId tenant, YearMonth month) {
        return tx.inTenant(tenant, h -> h.createQuery("""
                        select id, call_sid, kind, quantity, occurred_at, detail from ethiq.usage_events
                         where account_id = :t and occurred_at >= :from and occurred_at < :to
                         order by occurred_at, recorded_at, id""")
                .bind("t", tenant.value())
                .bind("from", Sql.ts(start(month)))
                .bind("to", Sql.ts(start(month.plusMonths(1))))
                .map((rs, ctx) -> {
                    String sid = rs.getString("call_sid");
                    return new UsageEvent(Sql.uuid(rs, "id"), tenant, sid == null ? null : CallSid.of(sid),
                            UsageKind.fromWire(rs.getString("kind")), rs.getLong("quantity"), Sql.instant(rs, "occurred_at"),
                            rs.getString("detail"));
                })
                .list());
    }

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
