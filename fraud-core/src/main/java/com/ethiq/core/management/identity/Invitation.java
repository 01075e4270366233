package com.ethiq.core.management.identity;

import com.ethiq.core.domain.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An offer to join an account with a role, addressed to one e-mail. The invitee proves possession with a random
 * token whose SHA-256 is {@code tokenHash}; it is accepted at most once, before {@code expiresAt}.
 */
public record Invitation(UUID id, TenantId tenant, EmailAddress email, Role role, String tokenHash, UserId invitedBy,
                         Instant createdAt, Instant expiresAt, Instant acceptedAt) {
    public Invitation {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(email, "'email' must not be null");
        Objects.requireNonNull(role, "'role' must not be null");
        Objects.requireNonNull(tokenHash, "'tokenHash' must not be null");
        Objects.requireNonNull(invitedBy, "'invitedBy' must not be null");
        Objects.requireNonNull(createdAt, "'createdAt' must not be null");
        Objects.requireNonNull(expiresAt, "'expiresAt' must not be null");
    }
}
