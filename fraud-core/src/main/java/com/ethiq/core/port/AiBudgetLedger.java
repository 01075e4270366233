package com.ethiq.core.port;

import com.ethiq.core.domain.TenantId;
import java.time.LocalDate;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outgoing port: the AI requests each tenant has used per UTC day, counted for the whole cluster. Nodes reserve small
 * slices of the day's budget ({@link #reserve}) and spend them locally, so the per-request cost stays off the store.
 * Thread-safe.
 */
public interface AiBudgetLedger {

    /**
     * Reserves up to {@code wanted} requests of the tenant's {@code dailyBudget} for {@code day}, atomically across
     * nodes: returns how many were granted (0 when the day's budget is spent; never more than what is left of it).
     *
     * @throws PersistenceException when the store is unavailable
     */
    int reserve(TenantId tenant, LocalDate day, int wanted, int dailyBudget);

    /** One node's count only (no shared store): each node then spends up to the whole budget. */
    static AiBudgetLedger perNode() {
        record Day(TenantId tenant, LocalDate day) {
        }
        ConcurrentHashMap<Day, Integer> used = new ConcurrentHashMap<>();
        return (tenant, day, wanted, dailyBudget) -> {
            Objects.requireNonNull(tenant, "'tenant' must not be null");
            if (wanted < 1) {
                throw new IllegalArgumentException("'wanted' must be >= 1, got " + wanted);
            }
            used.keySet().removeIf(d -> d.day().isBefore(day));
            int[] granted = new int[1];
            used.compute(new Day(tenant, day), (d, before) -> {
                int spent = before == null ? 0 : before;
                granted[0] = Math.max(0, Math.min(wanted, dailyBudget - spent));
                return spent + granted[0];
            });
            return granted[0];
        };
    }
}
