package com.ethiq.core.fake;

import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.NumberPool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link NumberPool} that also sets the tenant's number in an {@link InMemoryTenants}. Thread-safe. */
public final class InMemoryNumberPool implements NumberPool {
    private final Map<PhoneNumber, PoolEntry> entries = new LinkedHashMap<>();
    private final InMemoryTenants tenants;

    public InMemoryNumberPool(InMemoryTenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public synchronized void add(PhoneNumber number, String region) {
        entries.putIfAbsent(number, new PoolEntry(number, region, null, Instant.EPOCH));
    }

    @Override
    public synchronized Optional<PhoneNumber> assign(TenantId tenant, String region, Instant now) {
        if (tenants.findById(tenant).isEmpty()) {
            return Optional.empty();
        }
        for (PoolEntry e : entries.values()) {
            if (tenant.equals(e.assignedTo())) {
                return Optional.of(e.number()); // a retried sign-up keeps its number
            }
        }
        for (PoolEntry e : entries.values()) {
            if (e.assignedTo() == null && e.region().equals(region) && !e.availableAt().isAfter(now)) {
                entries.put(e.number(), new PoolEntry(e.number(), e.region(), tenant, e.availableAt()));
                tenants.assignNumber(tenant, e.number());
                return Optional.of(e.number());
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized boolean release(TenantId tenant, PhoneNumber number, Instant availableAt) {
        PoolEntry e = entries.get(number);
        if (e == null || !tenant.equals(e.assignedTo())) {
            return false;
        }
        entries.put(number, new PoolEntry(number, e.region(), null, availableAt));
        // the number stops routing to the former tenant at once
        tenants.findById(tenant).filter(t -> number.equals(t.twilioNumber())).ifPresent(t -> tenants.assignNumber(tenant, null));
        return true;
    }

    @Override
    public synchronized List<PoolEntry> entries() {
        return new ArrayList<>(entries.values());
    }
}
