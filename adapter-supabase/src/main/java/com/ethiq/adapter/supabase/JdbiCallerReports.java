package com.ethiq.adapter.supabase;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallerReports;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@link CallerReports} on PostgreSQL. Reports and opt-ins are written in the reporting account's transaction (forced
 * RLS: an account sees its own reports only); the cross-account {@link #lookup} is one read as the platform role that
 * returns aggregates and nothing below the account threshold. Thread-safe.
 */
public final class JdbiCallerReports implements CallerReports {
    private final TenantTransactions tx;

    JdbiCallerReports(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean report(Report r) {
        return tx.inTenant(r.tenant(), h -> h.createUpdate("""
                        insert into ethiq.caller_reports (account_id, call_sid, fingerprint, category, day, created_at)
                        values (:t, :sid, :f, :category, :day, :at)
                        on conflict (account_id, call_sid) do nothing""")
                .bind("t", r.tenant().value())
                .bind("sid", r.callSid().value())
                .bind("f", r.fingerprint())
                .bind("category", r.category().wire())
                .bind("day", Date.valueOf(r.day()))
                .bind("at", Sql.ts(r.at()))
                .execute() == 1);
    }

    @Override
    public boolean withdraw(TenantId tenant, CallSid callSid) {
        return tx.inTenant(tenant, h -> h.createUpdate("delete from ethiq.caller_reports where account_id = :t and call_sid = :sid")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .execute() == 1);
    }

    @Override
    public Counts lookup(String fingerprint, LocalDate since, int minAccounts) {
        // One statement: the threshold is applied in SQL, so rows of fewer accounts never leave the database.
        return tx.platformRead(h -> {
            var rows = h.createQuery("""
                            with r as (select account_id, category, day from ethiq.caller_reports
                                        where fingerprint = :f and day >= :since)
                            select (select count(distinct account_id) from r) as accounts, r.day, r.category, count(*) as n
                              from r
                             where (select count(distinct account_id) from r) >= :min
                             group by r.day, r.category""")
                    .bind("f", fingerprint)
                    .bind("since", Date.valueOf(since))
                    .bind("min", Math.max(1, minAccounts))
                    .map((rs, ctx) -> new Object[] {rs.getInt("accounts"), rs.getDate("day").toLocalDate(),
                            ScamCategory.fromWire(rs.getString("category")), rs.getInt("n")})
                    .list();
            if (rows.isEmpty()) {
                return Counts.NONE;
            }
            Map<LocalDate, Integer> perDay = new HashMap<>();
            Map<ScamCategory, Integer> categories = new HashMap<>();
            Set<Integer> accounts = new HashSet<>();
            for (Object[] row : rows) {
                accounts.add((Integer) row[0]);
                perDay.merge((LocalDate) row[1], (Integer) row[3], Integer::sum);
                categories.merge((ScamCategory) row[2], (Integer) row[3], Integer::sum);
            }
            return new Counts(accounts.iterator().next(), perDay, categories);
        });
    }

    @Override
    public int erase(TenantId tenant) {
        // the same rows AccountEraser deletes in its own transaction, here through the account's context (RLS)
        return tx.inTenant(tenant, h -> {
            h.createUpdate("delete from ethiq.caller_reputation_optins where account_id = :t").bind("t", tenant.value()).execute();
            return h.createUpdate("delete from ethiq.caller_reports where account_id = :t").bind("t", tenant.value()).execute();
        });
    }

    @Override
    public boolean optedIn(TenantId tenant) {
        return tx.inTenant(tenant, h -> h.createQuery("select 1 from ethiq.caller_reputation_optins where account_id = :t")
                .bind("t", tenant.value()).mapTo(Integer.class).findOne().isPresent());
    }

    @Override
    public void setOptIn(TenantId tenant, boolean optedIn, Instant at) {
        tx.inTenant(tenant, h -> optedIn
                ? h.createUpdate("""
                        insert into ethiq.caller_reputation_optins (account_id, opted_in_at) values (:t, :at)
                        on conflict (account_id) do nothing""")
                        .bind("t", tenant.value()).bind("at", Sql.ts(at)).execute()
                : h.createUpdate("delete from ethiq.caller_reputation_optins where account_id = :t")
                        .bind("t", tenant.value()).execute());
    }
}
