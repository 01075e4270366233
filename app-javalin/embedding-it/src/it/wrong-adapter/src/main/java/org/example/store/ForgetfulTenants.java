package org.example.store;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.port.Tenants;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Wrong on purpose: it says it updated a tenant's status and settings but keeps the old ones. */
public final class ForgetfulTenants implements Tenants {
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
    public void create(Tenant tenant) {
        byId.put(tenant.id(), tenant);
    }

    @Override
    public boolean updateStatus(TenantId tenant, AccountStatus status) {
        return byId.containsKey(tenant);
    }

    @Override
    public boolean updateSettings(TenantId tenant, TenantSettings settings) {
        return byId.containsKey(tenant);
    }
}
