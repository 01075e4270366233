package com.ethiq.core.port;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import java.util.Optional;

/**
 * Outgoing port: the protected accounts. {@link #findByCalledNumber} runs before any tenant is known (the hot path
 * of every incoming call) and is the one deliberate cross-tenant read; everything else is scoped to one tenant.
 * Thread-safe.
 */
public interface Tenants {

    /** The tenant whose number was called, whatever its status. */
    Optional<Tenant> findByCalledNumber(PhoneNumber calledNumber);

    Optional<Tenant> findById(TenantId tenant);

    /** Stores a new tenant. Its number, if any, must be unique: a taken number raises {@link ConflictException}. */
    void create(Tenant tenant);

    /** Returns false if there is no such tenant. */
    boolean updateStatus(TenantId tenant, AccountStatus status);

    /** Returns false if there is no such tenant. */
    boolean updateSettings(TenantId tenant, TenantSettings settings);
}
