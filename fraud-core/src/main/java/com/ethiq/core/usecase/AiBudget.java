package com.ethiq.core.usecase;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AiBudgetLedger;
import com.ethiq.core.port.PersistenceException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-tenant daily budget of AI requests (UTC days), shared by every node through the {@link AiBudgetLedger}: a node
 * reserves a small slice of the day's budget at a time (at most {@value #MAX_SLICE}) and spends it locally, so the
 * store is asked once per slice, never per request, and the cluster never spends more than the budget. A node that
 * dies strands at most one slice per tenant (counted as used). While the store is unavailable the node counts alone
 * (up to the whole budget, as a single node would); billing still sees exact token usage. Thread-safe.
 */
public final class AiBudget {
    /** The largest slice a node reserves at once. */
    static final int MAX_SLICE = 10;
    private static final Logger log = LoggerFactory.getLogger(AiBudget.class);

    private record Day(TenantId tenant, LocalDate day) {
    }

    /** What this node reserved and spent of one tenant's day. Guarded by itself. */
    private static final class Slice {
        int reserved;
        int taken;
    }

    private final ConcurrentHashMap<Day, Slice> slices = new ConcurrentHashMap<>();
    private final AiBudgetLedger ledger;
    private final Clock clock;

    /** Counted on this node only. */
    public AiBudget(Clock clock) {
        this(AiBudgetLedger.perNode(), clock);
    }

    public AiBudget(AiBudgetLedger ledger, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "'ledger' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    /**
     * Takes one request from today's budget; false if it is spent. Asks the store when this node's slice is empty, so
     * call it off the media and transcript threads.
     */
    public boolean tryTake(TenantId tenant, int dailyBudget) {
        if (dailyBudget <= 0) {
            return false;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        slices.keySet().removeIf(d -> d.day().isBefore(today));
        Day day = new Day(tenant, today);
        Slice slice = slices.computeIfAbsent(day, d -> new Slice());
        synchronized (slice) {
            if (slice.taken >= dailyBudget) {
                return false; // never more than the budget from one node, whatever the store says
            }
            if (slice.reserved == 0) {
                slice.reserved = reserve(day, dailyBudget);
                if (slice.reserved == 0) {
                    return false;
                }
            }
            slice.reserved--;
            slice.taken++;
            return true;
        }
    }

    private int reserve(Day day, int dailyBudget) {
        int wanted = sliceOf(dailyBudget);
        try {
            return Math.min(wanted, ledger.reserve(day.tenant(), day.day(), wanted, dailyBudget));
        } catch (PersistenceException e) {
            // the store is away: this node counts alone (the local ceiling above still holds)
            log.warn("AI budget: the store is unavailable, counting on this node only ({})", e.getMessage());
            return 1;
        }
    }

    /** A twentieth of the budget, between 1 and {@value #MAX_SLICE}: small enough that a dead node strands little. */
    static int sliceOf(int dailyBudget) {
        return Math.max(1, Math.min(MAX_SLICE, dailyBudget / 20));
    }

    /** Requests this node took today for the tenant. */
    public int usedToday(TenantId tenant) {
        Slice slice = slices.get(new Day(tenant, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
        if (slice == null) {
            return 0;
        }
        synchronized (slice) {
            return slice.taken;
        }
    }
}
