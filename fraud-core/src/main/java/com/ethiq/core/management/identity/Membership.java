package com.ethiq.core.management.identity;

import com.ethiq.core.domain.TenantId;
import java.time.Instant;
import java.util.Objects;

/** A user's role in one account. */
public record Membership(TenantId tenant, UserId user, Role role, Instant createdAt) {
    public Membership {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(user, "'user' must not be null");
        Objects.requireNonNull(role, "'role' must not be null");
        Objects.requireNonNull(createdAt, "'createdAt' must not be null");
    }

    public Membership withRole(Role value) {
        return new Membership(tenant, user, value, createdAt);
    }
}
