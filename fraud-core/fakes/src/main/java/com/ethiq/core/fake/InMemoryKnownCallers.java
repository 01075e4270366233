package com.ethiq.core.fake;

import com.ethiq.core.domain.KnownCaller;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.KnownCallers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link KnownCallers}. Thread-safe. */
public final class InMemoryKnownCallers implements KnownCallers {
    private static final String PHONE_TAKEN = "'phone' is already listed by this account";

    private final Map<TenantId, List<KnownCaller>> byTenant = new ConcurrentHashMap<>();

    @Override
    public List<KnownCaller> list(TenantId tenant) {
        List<KnownCaller> entries = byTenant.get(tenant);
        if (entries == null) {
            return List.of();
        }
        synchronized (entries) {
            return entries.stream().sorted(Comparator.comparing(KnownCaller::createdAt)).toList();
        }
    }

    @Override
    public Optional<KnownCaller> find(TenantId tenant, UUID id) {
        return list(tenant).stream().filter(c -> c.id().equals(id)).findFirst();
    }

    @Override
    public Optional<KnownCaller> findByPhone(TenantId tenant, PhoneNumber phone) {
        return list(tenant).stream().filter(c -> c.phone().equals(phone)).findFirst();
    }

    @Override
    public void add(KnownCaller caller) {
        List<KnownCaller> entries = byTenant.computeIfAbsent(caller.tenant(), t -> new ArrayList<>());
        synchronized (entries) {
            if (entries.stream().anyMatch(c -> c.id().equals(caller.id()))) {
                throw new ConflictException("'id' is already used by an entry of this account");
            }
            if (entries.stream().anyMatch(c -> c.phone().equals(caller.phone()))) {
                throw new ConflictException(PHONE_TAKEN);
            }
            entries.add(caller);
        }
    }

    @Override
    public boolean update(KnownCaller caller) {
        List<KnownCaller> entries = byTenant.get(caller.tenant());
        if (entries == null) {
            return false;
        }
        synchronized (entries) {
            if (entries.stream().anyMatch(c -> c.phone().equals(caller.phone()) && !c.id().equals(caller.id()))) {
                throw new ConflictException(PHONE_TAKEN);
            }
            for (int i = 0; i < entries.size(); i++) {
                KnownCaller old = entries.get(i);
                if (old.id().equals(caller.id())) {
                    entries.set(i, new KnownCaller(old.id(), old.tenant(), caller.phone(), caller.name(), caller.listing(),
                            old.createdAt()));
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public boolean remove(TenantId tenant, UUID id) {
        List<KnownCaller> entries = byTenant.get(tenant);
        if (entries == null) {
            return false;
        }
        synchronized (entries) {
            return entries.removeIf(c -> c.id().equals(id));
        }
    }
}
