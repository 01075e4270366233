package com.ethiq.core.fake;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.Tenants;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link Tenants} for tests and embedding. Thread-safe. */
public final class InMemoryTenants implements Tenants {
    private final Map<TenantId, Tenant> byId = new ConcurrentHashMap<>();
    /** Erased tenants: like the store's tombstone rows, they keep their id but hold no SIP address or number. */
    private final java.util.Set<TenantId> erased = ConcurrentHashMap.newKeySet();

    @Override
    public Optional<Tenant> findByCalledNumber(PhoneNumber calledNumber) {
        return byId.values().stream().filter(t -> !erased.contains(t.id()) && calledNumber.equals(t.twilioNumber())).findFirst();
    }

    @Override
    public Optional<Tenant> findById(TenantId tenant) {
        return Optional.ofNullable(byId.get(tenant));
    }

    @Override
    public synchronized void create(Tenant tenant) {
        if (byId.containsKey(tenant.id())) {
            throw new ConflictException("tenant already exists");
        }
        for (Tenant other : byId.values()) {
            if (erased.contains(other.id())) {
                continue;
            }
            if (tenant.twilioNumber() != null && tenant.twilioNumber().equals(other.twilioNumber())) {
                throw new ConflictException("'twilioNumber' is already assigned");
            }
            if (tenant.sipAddress().equals(other.sipAddress())) {
                throw new ConflictException("'sipAddress' is already used");
            }
        }
        byId.put(tenant.id(), tenant);
    }

    @Override
    public boolean updateStatus(TenantId tenant, AccountStatus status) {
        return byId.computeIfPresent(tenant, (id, t) -> t.withStatus(status)) != null;
    }

    @Override
    public boolean updateSettings(TenantId tenant, TenantSettings settings) {
        return byId.computeIfPresent(tenant, (id, t) -> t.withSettings(settings)) != null;
    }

    /** What erasure does to the account row: its SIP address and number are free for another account. */
    public void releaseKeys(TenantId tenant) {
        erased.add(tenant);
    }

    /** Sets a tenant's number (what a number pool does on assignment); null clears it (on release). */
    public synchronized boolean assignNumber(TenantId tenant, PhoneNumber number) {
        return byId.computeIfPresent(tenant, (id, t) -> t.withNumber(number)) != null;
    }
}
