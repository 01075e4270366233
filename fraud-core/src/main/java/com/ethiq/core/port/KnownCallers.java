package com.ethiq.core.port;

import com.ethiq.core.domain.KnownCaller;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Outgoing port: each account's trusted and blocked callers. Every method is scoped to one tenant; another tenant's
 * entry behaves as absent. {@link #findByPhone} is on the incoming-call path: keep it one indexed lookup. Thread-safe.
 */
public interface KnownCallers {

    /** The tenant's entries, oldest first. */
    List<KnownCaller> list(TenantId tenant);

    Optional<KnownCaller> find(TenantId tenant, UUID id);

    /** The tenant's entry for this number, if it listed it. */
    Optional<KnownCaller> findByPhone(TenantId tenant, PhoneNumber phone);

    /** Adds an entry; the same id or the same phone twice for one tenant raises {@link ConflictException}. */
    void add(KnownCaller caller);

    /** Replaces phone, name and listing (keeps the creation time); false if the tenant has no such entry. */
    boolean update(KnownCaller caller);

    /** False if the tenant has no such entry. */
    boolean remove(TenantId tenant, UUID id);
}
