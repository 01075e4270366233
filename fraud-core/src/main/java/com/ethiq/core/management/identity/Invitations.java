package com.ethiq.core.management.identity;

import com.ethiq.core.domain.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Outgoing port: pending invitations to join an account. {@link #findByTokenHash} is the one lookup not scoped to
 * a tenant (the invitee is not a member yet): it needs the secret token. Thread-safe.
 */
public interface Invitations {

    void create(Invitation invitation);

    Optional<Invitation> findByTokenHash(String tokenHash);

    /** Marks it accepted if it was not; false if already accepted (a second use). */
    boolean markAccepted(UUID invitationId, Instant at);

    /** Not accepted and not expired at {@code now}, oldest first. */
    List<Invitation> pending(TenantId tenant, Instant now);

    /** False if the tenant has no such pending invitation. */
    boolean revoke(TenantId tenant, UUID invitationId);

    int removeAll(TenantId tenant);
}
