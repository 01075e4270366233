package com.ethiq.core.management.onboarding;

import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.NumberPool;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link NumberPool} that applies the {@link PoolReassignment} rule on release: a number of a country that never
 * re-assigns is retired ({@link NumberPool#RETIRED}) whatever quarantine the caller asked for. Every release path
 * (cancel, erasure, an operator's release) goes through the pool, so the rule sits here once. Thread-safe if the
 * delegate is.
 */
public final class CountryRulePool implements NumberPool {
    private final NumberPool delegate;
    private final PoolReassignment rule;

    public CountryRulePool(NumberPool delegate, PoolReassignment rule) {
        this.delegate = Objects.requireNonNull(delegate, "'delegate' must not be null");
        this.rule = Objects.requireNonNull(rule, "'rule' must not be null");
    }

    @Override
    public void add(PhoneNumber number, String region) {
        delegate.add(number, region);
    }

    @Override
    public Optional<PhoneNumber> assign(TenantId tenant, String region, Instant now) {
        return delegate.assign(tenant, region, now);
    }

    @Override
    public boolean release(TenantId tenant, PhoneNumber number, Instant availableAt) {
        return delegate.release(tenant, number, rule.reassigns(number) ? availableAt : RETIRED);
    }

    @Override
    public List<PoolEntry> entries() {
        return delegate.entries();
    }
}
