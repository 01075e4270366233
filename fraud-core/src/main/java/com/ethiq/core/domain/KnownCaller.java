package com.ethiq.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A number an account listed as trusted ("known callers") or blocked. One listing per number and account. */
public record KnownCaller(UUID id, TenantId tenant, PhoneNumber phone, String name, CallerListing listing, Instant createdAt) {
    public KnownCaller {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(phone, "'phone' must not be null");
        name = name == null ? "" : name.strip();
        if (name.length() > 120) {
            throw new IllegalArgumentException("'name' must be at most 120 characters");
        }
        Objects.requireNonNull(listing, "'listing' must not be null");
        Objects.requireNonNull(createdAt, "'createdAt' must not be null");
    }
}
