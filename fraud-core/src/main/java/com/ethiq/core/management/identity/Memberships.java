package com.ethiq.core.management.identity;

import com.ethiq.core.domain.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port: who belongs to which account with which role. Role changes and removals are atomic with the
 * "at least one owner" rule so two owners demoting each other at once cannot leave an account ownerless.
 * Thread-safe.
 */
public interface Memberships {

    /** Adds a member; an existing membership of the same user raises {@link com.ethiq.core.port.ConflictException}. */
    void add(Membership membership);

    Optional<Membership> find(TenantId tenant, UserId user);

    /** Oldest first. */
    List<Membership> ofTenant(TenantId tenant);

    /** Oldest first. */
    List<Membership> ofUser(UserId user);

    ChangeOutcome changeRole(TenantId tenant, UserId user, Role role);

    ChangeOutcome remove(TenantId tenant, UserId user);

    /** Removes every membership of the account (erasure); returns how many went. */
    int removeAll(TenantId tenant);

    /** What a guarded change did. */
    enum ChangeOutcome { CHANGED, NOT_FOUND, LAST_OWNER }
}
