package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AiBudgetLedger;
import java.time.LocalDate;

/**
 * {@link AiBudgetLedger} on PostgreSQL ({@code ethiq.ai_budget_days}, V88): one short transaction per slice whose
 * row lock serialises the nodes; it grants {@code least(wanted, budget - used)}. Thread-safe.
 */
public final class JdbiAiBudgetLedger implements AiBudgetLedger {
    private final TenantTransactions tx;

    JdbiAiBudgetLedger(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public int reserve(TenantId tenant, LocalDate day, int wanted, int dailyBudget) {
        if (wanted < 1) {
            throw new IllegalArgumentException("'wanted' must be >= 1, got " + wanted);
        }
        if (dailyBudget <= 0) {
            return 0;
        }
        return tx.inTenant(tenant, h -> {
            h.createUpdate("""
                            insert into ethiq.ai_budget_days (account_id, day, used) values (:t, :day, 0)
                            on conflict (account_id, day) do nothing""")
                    .bind("t", tenant.value()).bind("day", day).execute();
            // the row lock queues concurrent reservations of the same account and day
            int used = h.createQuery("select used from ethiq.ai_budget_days where account_id = :t and day = :day for update")
                    .bind("t", tenant.value()).bind("day", day).mapTo(Integer.class).one();
            int granted = Math.max(0, Math.min(wanted, dailyBudget - used));
            if (granted > 0) {
                h.createUpdate("update ethiq.ai_budget_days set used = :used where account_id = :t and day = :day")
                        .bind("used", used + granted).bind("t", tenant.value()).bind("day", day).execute();
            }
            return granted;
        });
    }
}
