package com.ethiq.core.usecase;

import com.ethiq.core.domain.TenantId;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-tenant daily budget of AI requests, counted on this node (UTC days). With N nodes a tenant may use up to N
 * times its budget in the worst case; billing still sees exact token usage. Thread-safe.
 */
public final class AiBudget {
    private record Day(TenantId tenant, LocalDate day) {
    }

    private final ConcurrentHashMap<Day, AtomicInteger> used = new ConcurrentHashMap<>();
    private final Clock clock;

    public AiBudget(Clock clock) {
        this.clock = clock;
    }

    /** Takes one request from today's budget; false if it is spent. */
    public boolean tryTake(TenantId tenant, int dailyBudget) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        used.keySet().removeIf(d -> d.day().isBefore(today));
        AtomicInteger count = used.computeIfAbsent(new Day(tenant, today), d -> new AtomicInteger());
        while (true) {
            int current = count.get();
            if (current >= dailyBudget) {
                return false;
            }
            if (count.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    public int usedToday(TenantId tenant) {
        AtomicInteger count = used.get(new Day(tenant, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
        return count == null ? 0 : count.get();
    }
}
