package com.ethiq.core.management.onboarding;

import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.ForbiddenException;
import com.ethiq.core.port.NumberPool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform operator's use cases on the number pool: list it, search the provider, buy and import numbers, run a
 * reconciliation. Only platform operators pass (everyone else, tenant owners and admins included, gets
 * {@link ForbiddenException}); changing the pool (buy, import, repair) also needs a recent step-up. Every call is
 * audited with the operator, IP and user agent. Without {@link NumberProvisioning} (onboarding off) listing still
 * works and the rest throws {@link OnboardingUnavailableException}. Thread-safe.
 */
public final class NumberPoolOperations {
    private final NumberPool pool;
    private final Optional<NumberProvisioning> provisioning;
    private final AccessPolicy access;
    private final AuditRecorder audit;
    private final Clock clock;

    public NumberPoolOperations(NumberPool pool, Optional<NumberProvisioning> provisioning, AccessPolicy access,
                                AuditRecorder audit, Clock clock) {
        this.pool = Objects.requireNonNull(pool, "'pool' must not be null");
        this.provisioning = Objects.requireNonNull(provisioning, "'provisioning' must not be null");
        this.access = Objects.requireNonNull(access, "'access' must not be null");
        this.audit = Objects.requireNonNull(audit, "'audit' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    /** Where a pool number stands at a given instant. */
    public enum State {
        /** Assignable now. */
        FREE,
        /** Released by an account, resting until its {@code availableAt}. */
        QUARANTINED,
        /** Held by an account. */
        ASSIGNED,
        /** Released for good (a country that never re-assigns, {@link PoolReassignment}): to return to the provider. */
        RETIRED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static State fromWire(String text) {
            for (State s : values()) {
                if (s.wire().equals(text)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("'state' must be one of free, quarantined, assigned, retired, got '" + text + "'");
        }

        static State of(NumberPool.PoolEntry e, Instant now) {
            if (e.assignedTo() != null) {
                return ASSIGNED;
            }
            if (e.retired()) {
                return RETIRED;
            }
            return e.availableAt().isAfter(now) ? QUARANTINED : FREE;
        }
    }

    /** One pool entry with its state now. */
    public record PoolNumber(NumberPool.PoolEntry entry, State state) {
    }

    /** Whether the provider side is available (false: only {@link #list} works). */
    public boolean onboardingConfigured() {
        return provisioning.isPresent();
    }

    /** The pool, optionally narrowed to a region and/or a state. */
    public List<PoolNumber> list(Actor actor, String region, State state) {
        requireOperator(actor, "list the number pool");
        Instant now = clock.instant();
        List<PoolNumber> out = pool.entries().stream()
                .filter(e -> region == null || region.equals(e.region()))
                .map(e -> new PoolNumber(e, State.of(e, now)))
                .filter(p -> state == null || p.state() == state)
                .toList();
        audit.record(actor, null, "pool.listed", "number_pool", details("region", region, "state",
                state == null ? null : state.wire(), "count", Integer.toString(out.size())));
        return out;
    }

    /** Numbers on offer at the provider (voice + SMS, local). */
    public List<TelephonyNumbers.Offered> search(Actor actor, String isoCountry, String area, int limit) {
        requireOperator(actor, "search numbers");
        List<TelephonyNumbers.Offered> offered = provider().search(isoCountry, area, limit);
        audit.record(actor, null, "pool.searched", "number_pool", details("country", isoCountry, "area", area,
                "found", Integer.toString(offered.size())));
        return offered;
    }

    /**
     * Buys numbers into the pool under {@code region}: exactly {@code numbers} when given, else the first
     * {@code count} offered in {@code isoCountry}/{@code area}. Step-up required (it spends money).
     */
    public List<PhoneNumber> buy(Actor actor, String region, List<PhoneNumber> numbers, String isoCountry, String area,
                                 Integer count) {
        requireOperator(actor, "buy numbers");
        access.requireRecentAuthentication(actor);
        NumberProvisioning p = provider();
        List<PhoneNumber> bought;
        if (numbers != null && !numbers.isEmpty()) {
            bought = p.buy(actor.auditName(), region, numbers);
        } else {
            if (count == null) {
                throw new IllegalArgumentException("'numbers' or 'count' (with 'country') is required");
            }
            bought = p.fill(actor.auditName(), isoCountry, area, region, count);
        }
        audit.record(actor, null, "pool.bought", "number_pool", details("region", region, "count", Integer.toString(bought.size())));
        return bought;
    }

    /** Adds numbers the platform account already owns to the pool. Step-up required. */
    public List<PhoneNumber> importOwned(Actor actor, String region, List<PhoneNumber> numbers) {
        requireOperator(actor, "import numbers");
        access.requireRecentAuthentication(actor);
        if (numbers == null || numbers.isEmpty() || numbers.size() > 200) {
            throw new IllegalArgumentException("'numbers' must hold 1..200 numbers");
        }
        List<PhoneNumber> imported = provider().importOwned(actor.auditName(), region, numbers);
        audit.record(actor, null, "pool.imported", "number_pool", details("region", region, "count", Integer.toString(imported.size())));
        return imported;
    }

    /** Compares the pool with the provider now; {@code repair} (step-up required) reconfigures drifted assigned numbers. */
    public List<NumberProvisioning.Drift> reconcile(Actor actor, boolean repair) {
        requireOperator(actor, "reconcile the number pool");
        if (repair) {
            access.requireRecentAuthentication(actor);
        }
        List<NumberProvisioning.Drift> drifts = provider().reconcile(actor.auditName(), repair);
        audit.record(actor, null, "pool.reconciled", "number_pool", details("repair", Boolean.toString(repair),
                "drifts", Integer.toString(drifts.size()),
                "repaired", Long.toString(drifts.stream().filter(NumberProvisioning.Drift::repaired).count())));
        return drifts;
    }

    private NumberProvisioning provider() {
        return provisioning.orElseThrow(() -> new OnboardingUnavailableException("number onboarding is not configured on this "
                + "node (ETHIQ_TELEPHONY=twilio with ETHIQ_TWILIO_PLATFORM_ACCOUNT_SID and _AUTH_TOKEN)"));
    }

    private static void requireOperator(Actor actor, String what) {
        Objects.requireNonNull(actor, "'actor' must not be null");
        if (!actor.operator()) {
            throw new ForbiddenException("only platform operators may " + what);
        }
    }

    private static Map<String, String> details(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }
}
