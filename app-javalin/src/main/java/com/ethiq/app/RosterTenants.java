package com.ethiq.app;

import com.ethiq.app.jobs.TenantRoster;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.port.Tenants;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Tenants} store that also lists its tenants, for stores that cannot (the in-memory one): it remembers the
 * id of every tenant created through it. Thread-safe.
 */
public final class RosterTenants implements Tenants, TenantRoster {
    private final Tenants delegate;
    private final Set<TenantId> ids = ConcurrentHashMap.newKeySet();

    public RosterTenants(Tenants delegate) {
        this.delegate = Objects.requireNonNull(delegate, "'delegate' must not be null");
    }

    @Override
    public List<Tenant> all() {
        return ids.stream().map(delegate::findById).flatMap(Optional::stream).toList();
    }

    @Override
    public Optional<Tenant> findByCalledNumber(PhoneNumber calledNumber) {
        return delegate.findByCalledNumber(calledNumber);
    }

    @Override
    public Optional<Tenant> findById(TenantId tenant) {
        return delegate.findById(tenant);
    }

    @Override
    public void create(Tenant tenant) {
        delegate.create(tenant);
        ids.add(tenant.id());
    }

    @Override
    public boolean updateStatus(TenantId tenant, AccountStatus status) {
        return delegate.updateStatus(tenant, status);
    }

    @Override
    public boolean updateSettings(TenantId tenant, TenantSettings settings) {
        return delegate.updateSettings(tenant, settings);
    }
}
