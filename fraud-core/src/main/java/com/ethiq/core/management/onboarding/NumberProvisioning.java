package com.ethiq.core.management.onboarding;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.backoffice.NumberProvisioner;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallControl.CallControlException;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.NumberPool;
import com.ethiq.core.port.Tenants;
import com.ethiq.core.port.VendorException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The number lifecycle of tenant onboarding: make an assigned number live (webhooks at this deployment, account
 * PROVISIONING → ACTIVE), retry the ones that are not yet, release a number (webhooks reset, pool quarantine), fill
 * the pool (search + buy, import owned) and reconcile the pool with the provider. Every step is audited. All
 * operations are idempotent, so several nodes may run the jobs at once. Thread-safe.
 */
public final class NumberProvisioning implements NumberProvisioner {
    private static final Logger log = LoggerFactory.getLogger(NumberProvisioning.class);
    private static final String SYSTEM = "system:onboarding";

    private final NumberPool pool;
    private final TelephonyNumbers numbers;
    private final Tenants tenants;
    private final Function<TenantId, TelephonyCredentials> accountOf;
    private final TelephonyCredentials platform;
    private final TelephonyNumbers.Webhooks webhooks;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration quarantine;

    /**
     * @param accountOf  the provider account holding a tenant's number (its own subaccount, or {@code platform})
     * @param platform   the platform's account: where the pool is bought and imported
     * @param webhooks   this deployment's webhooks (built from the configured public base URL)
     * @param quarantine how long a released number rests before reuse
     */
    public NumberProvisioning(NumberPool pool, TelephonyNumbers numbers, Tenants tenants,
                              Function<TenantId, TelephonyCredentials> accountOf, TelephonyCredentials platform,
                              TelephonyNumbers.Webhooks webhooks, AuditTrail audit, IdGenerator ids, Clock clock,
                              Duration quarantine) {
        this.pool = Objects.requireNonNull(pool, "'pool' must not be null");
        this.numbers = Objects.requireNonNull(numbers, "'numbers' must not be null");
        this.tenants = Objects.requireNonNull(tenants, "'tenants' must not be null");
        this.accountOf = Objects.requireNonNull(accountOf, "'accountOf' must not be null");
        this.platform = Objects.requireNonNull(platform, "'platform' must not be null");
        this.webhooks = Objects.requireNonNull(webhooks, "'webhooks' must not be null");
        this.audit = Objects.requireNonNull(audit, "'audit' must not be null");
        this.ids = Objects.requireNonNull(ids, "'ids' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        Objects.requireNonNull(quarantine, "'quarantine' must not be null");
        if (quarantine.isNegative()) {
            throw new IllegalArgumentException("'quarantine' must not be negative, got " + quarantine);
        }
        this.quarantine = quarantine;
    }

    public TelephonyNumbers.Webhooks webhooks() {
        return webhooks;
    }

    public Duration quarantine() {
        return quarantine;
    }

    // ---------------------------------------------------------------- assignment

    /**
     * Points the tenant's freshly assigned number at us. A failure (a {@link VendorException}) is audited and
     * rethrown; the account then stays PROVISIONING and {@link #retryPending} tries again.
     */
    @Override
    public void provision(TenantId tenant, PhoneNumber number) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(number, "'number' must not be null");
        TelephonyCredentials account = accountOf.apply(tenant);
        try {
            TelephonyNumbers.Owned owned = numbers.find(account, number).orElseThrow(() -> new CallControlException(
                    "number " + number.masked() + " is not owned by account " + account.accountSid(), true, "not-owned", null));
            numbers.configure(account, owned.sid(), webhooks);
            audit(tenant, SYSTEM, "number.configured", number, Map.of("account", account.accountSid(), "sid", owned.sid()));
        } catch (VendorException e) {
            audit(tenant, SYSTEM, "number.configure_failed", number,
                    Map.of("account", account.accountSid(), "permanent", Boolean.toString(e.permanent())));
            throw e;
        }
    }

    /**
     * The durable retry: every account still PROVISIONING with a number assigned in the pool is provisioned again
     * and goes ACTIVE on success. Returns how many went live. The pool table is the queue, so nothing is lost on a
     * crash and running it on several nodes only repeats an idempotent configure.
     */
    public int retryPending() {
        int live = 0;
        for (NumberPool.PoolEntry e : pool.entries()) {
            if (e.assignedTo() == null) {
                continue;
            }
            Optional<Tenant> t = tenants.findById(e.assignedTo());
            if (t.isEmpty() || t.get().status() != AccountStatus.PROVISIONING) {
                continue;
            }
            try {
                provision(e.assignedTo(), e.number());
                tenants.updateStatus(e.assignedTo(), AccountStatus.ACTIVE);
                audit(e.assignedTo(), SYSTEM, "account.activated", e.number(), Map.of());
                live++;
            } catch (VendorException ex) {
                log.warn("number {} of account {} still not provisioned: {}", e.number().masked(), e.assignedTo(), ex.getMessage());
            }
        }
        return live;
    }

    // ---------------------------------------------------------------- release

    /**
     * What happens at the provider once a tenant's number left it (cancel, erasure): its webhooks are reset so the
     * former tenant's callers no longer reach us. A failure is logged and audited; reconciliation resets it later.
     */
    public void resetReleased(TenantId tenant, PhoneNumber number) {
        TelephonyCredentials account = accountOf.apply(tenant);
        try {
            Optional<TelephonyNumbers.Owned> owned = numbers.find(account, number);
            if (owned.isPresent()) {
                numbers.reset(account, owned.get().sid());
            }
            audit(tenant, SYSTEM, "number.reset", number, Map.of("found", Boolean.toString(owned.isPresent())));
        } catch (VendorException e) {
            log.warn("number {} released by account {} not reset yet: {}", number.masked(), tenant, e.getMessage());
            audit(tenant, SYSTEM, "number.reset_failed", number, Map.of());
        }
    }

    /** Releases the tenant's number: webhooks reset, back in the pool after the quarantine. False if not its number. */
    public boolean release(TenantId tenant, PhoneNumber number) {
        boolean released = pool.release(tenant, number, clock.instant().plus(quarantine));
        if (released) {
            audit(tenant, SYSTEM, "number.released", number, Map.of("available_at", clock.instant().plus(quarantine).toString()));
            resetReleased(tenant, number);
        }
        return released;
    }

    /**
     * A {@link NumberPool} for the account use cases: releasing through it also resets the number's webhooks, so
     * cancel and erasure need no other hook.
     */
    public NumberPool resettingPool() {
        NumberProvisioning self = this;
        return new NumberPool() {
            @Override
            public void add(PhoneNumber number, String region) {
                pool.add(number, region);
            }

            @Override
            public Optional<PhoneNumber> assign(TenantId tenant, String region, java.time.Instant now) {
                return pool.assign(tenant, region, now);
            }

            @Override
            public boolean release(TenantId tenant, PhoneNumber number, java.time.Instant availableAt) {
                boolean released = pool.release(tenant, number, availableAt);
                if (released) {
                    self.audit(tenant, SYSTEM, "number.released", number, Map.of("available_at", availableAt.toString()));
                    self.resetReleased(tenant, number);
                }
                return released;
            }

            @Override
            public List<PoolEntry> entries() {
                return pool.entries();
            }
        };
    }

    // ---------------------------------------------------------------- operators

    /**
     * Searches {@code isoCountry} (optionally the provider's {@code area}) and buys up to {@code count} numbers into
     * the pool under {@code region}. Returns the numbers bought; one failing purchase stops the fill (already
     * bought numbers stay in the pool).
     */
    public List<PhoneNumber> fill(String operator, String isoCountry, String area, String region, int count) {
        requireRegion(region);
        if (count < 1 || count > 50) {
            throw new IllegalArgumentException("'count' must be 1..50, got " + count);
        }
        requireCountry(isoCountry);
        List<TelephonyNumbers.Offered> offered = numbers.search(platform, isoCountry, area, count);
        List<PhoneNumber> bought = new ArrayList<>();
        for (TelephonyNumbers.Offered o : offered) {
            TelephonyNumbers.Owned owned = numbers.buy(platform, o.number(), webhooks);
            pool.add(owned.number(), region);
            bought.add(owned.number());
            audit(null, operator, "pool.number_bought", owned.number(), Map.of("region", region, "sid", owned.sid()));
        }
        return List.copyOf(bought);
    }

    /** Local voice + SMS numbers on offer at the provider in {@code isoCountry} (optionally its {@code area}), for operators. */
    public List<TelephonyNumbers.Offered> search(String isoCountry, String area, int limit) {
        requireCountry(isoCountry);
        if (limit < 1 || limit > 50) {
            throw new IllegalArgumentException("'limit' must be 1..50, got " + limit);
        }
        return numbers.search(platform, isoCountry, area, limit);
    }

    /**
     * Buys exactly these numbers (picked from a {@link #search}) on the platform account, webhooks set, into the pool
     * under {@code region}. One failing purchase stops there (already bought numbers stay in the pool).
     */
    public List<PhoneNumber> buy(String operator, String region, List<PhoneNumber> wanted) {
        requireRegion(region);
        if (wanted == null || wanted.isEmpty() || wanted.size() > 50) {
            throw new IllegalArgumentException("'numbers' must hold 1..50 numbers");
        }
        List<PhoneNumber> bought = new ArrayList<>();
        for (PhoneNumber n : new java.util.LinkedHashSet<>(wanted)) {
            TelephonyNumbers.Owned owned = numbers.buy(platform, n, webhooks);
            pool.add(owned.number(), region);
            bought.add(owned.number());
            audit(null, operator, "pool.number_bought", owned.number(), Map.of("region", region, "sid", owned.sid()));
        }
        return List.copyOf(bought);
    }

    /** Adds numbers the platform account already owns to the pool under {@code region}; unknown numbers are refused. */
    public List<PhoneNumber> importOwned(String operator, String region, List<PhoneNumber> wanted) {
        requireRegion(region);
        Map<PhoneNumber, TelephonyNumbers.Owned> owned = new HashMap<>();
        numbers.owned(platform).forEach(o -> owned.put(o.number(), o));
        List<PhoneNumber> missing = wanted.stream().filter(n -> !owned.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("'numbers' not owned by the platform account: "
                    + missing.stream().map(PhoneNumber::masked).toList());
        }
        for (PhoneNumber n : wanted) {
            pool.add(n, region);
            audit(null, operator, "pool.number_imported", n, Map.of("region", region, "sid", owned.get(n).sid()));
        }
        return List.copyOf(wanted);
    }

    // ---------------------------------------------------------------- reconciliation

    /** One difference between the pool and the provider. */
    public record Drift(PhoneNumber number, TenantId tenant, Kind kind, boolean repaired) {
        public enum Kind {
            /** In the pool but no longer owned at the provider (released outside the app). */
            MISSING,
            /** Assigned, but its webhooks do not point at this deployment. */
            MISCONFIGURED,
            /** Free in the pool, but its webhooks point somewhere else than us. */
            FOREIGN_WEBHOOKS,
            /** Owned by the platform account but not in the pool. */
            NOT_IN_POOL
        }
    }

    /**
     * Compares every pool entry with what its provider account owns. Assigned numbers whose webhooks drifted are
     * configured again when {@code repair}; everything else is reported (and audited) for an operator. Idempotent:
     * a second run over a repaired pool finds nothing.
     */
    public List<Drift> reconcile(String actor, boolean repair) {
        Map<String, Map<PhoneNumber, TelephonyNumbers.Owned>> byAccount = new LinkedHashMap<>();
        Function<TelephonyCredentials, Map<PhoneNumber, TelephonyNumbers.Owned>> ownedBy = account ->
                byAccount.computeIfAbsent(account.accountSid(), k -> {
                    Map<PhoneNumber, TelephonyNumbers.Owned> m = new LinkedHashMap<>();
                    numbers.owned(account).forEach(o -> m.put(o.number(), o));
                    return m;
                });
        List<Drift> drifts = new ArrayList<>();
        java.util.Set<PhoneNumber> pooled = new java.util.HashSet<>();
        for (NumberPool.PoolEntry e : pool.entries()) {
            pooled.add(e.number());
            TelephonyCredentials account = e.assignedTo() == null ? platform : accountOf.apply(e.assignedTo());
            TelephonyNumbers.Owned owned = ownedBy.apply(account).get(e.number());
            if (owned == null) {
                drifts.add(new Drift(e.number(), e.assignedTo(), Drift.Kind.MISSING, false));
            } else if (e.assignedTo() != null && !webhooks.equals(owned.webhooks())) {
                boolean repaired = false;
                if (repair) {
                    try {
                        numbers.configure(account, owned.sid(), webhooks);
                        repaired = true;
                    } catch (VendorException ex) {
                        log.warn("drifted number {} not repaired: {}", e.number().masked(), ex.getMessage());
                    }
                }
                drifts.add(new Drift(e.number(), e.assignedTo(), Drift.Kind.MISCONFIGURED, repaired));
            } else if (e.assignedTo() == null && owned.webhooks() != null && !webhooks.equals(owned.webhooks())) {
                drifts.add(new Drift(e.number(), null, Drift.Kind.FOREIGN_WEBHOOKS, false));
            }
        }
        for (TelephonyNumbers.Owned o : ownedBy.apply(platform).values()) {
            if (!pooled.contains(o.number())) {
                drifts.add(new Drift(o.number(), null, Drift.Kind.NOT_IN_POOL, false));
            }
        }
        for (Drift d : drifts) {
            audit(d.tenant(), actor, "pool.drift", d.number(), Map.of("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT),
                    "repaired", Boolean.toString(d.repaired())));
        }
        if (!drifts.isEmpty()) {
            log.warn("number pool reconciliation: {} drift(s), {} repaired", drifts.size(), drifts.stream().filter(Drift::repaired).count());
        }
        return List.copyOf(drifts);
    }

    // ---------------------------------------------------------------- internals

    private static void requireCountry(String isoCountry) {
        if (isoCountry == null || !isoCountry.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("'country' must be an upper-case ISO 3166 code like 'FR', got '" + isoCountry + "'");
        }
    }

    private static void requireRegion(String region) {
        if (region == null || !region.matches("[A-Z]{2}(-[A-Z0-9]{1,3})?")) {
            throw new IllegalArgumentException("'region' must be an upper-case ISO code like 'FR', got '" + region + "'");
        }
    }

    private void audit(TenantId tenant, String actor, String action, PhoneNumber number, Map<String, String> details) {
        // the target is the masked number: the audit trail outlives erasure and must not keep the full number
        audit.append(new AuditEvent(ids.newId(), tenant, actor, action, number.masked(), null, null, clock.instant(), details));
    }
}
