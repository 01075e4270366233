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

    @Override
    public Optional<Tenant> findByCalledNumber(PhoneNumber calledNumber) {
        return byId.values().stream().filter(t -> calledNumber.equals(t.twilioNumber())).findFirst();
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

    /** Sets a tenant's number (what a number pool does on assignment); null clears it (on release). */
    public synchronized boolean assignNumber(TenantId tenant, PhoneNumber number) {
        return byId.computeIfPresent(tenant, (id, t) -> t.withNumber(number)) != null;
    }
}
