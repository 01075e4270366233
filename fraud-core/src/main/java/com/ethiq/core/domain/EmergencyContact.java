package com.ethiq.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Someone to warn by SMS when a tenant's call is judged a scam. {@code mayJoin}: whether this contact's family link may
 * add their phone to a live call (an account setting per contact; on by default).
 */
public record EmergencyContact(UUID id, TenantId tenant, String name, PhoneNumber phone, String relationship, Instant createdAt,
                               boolean mayJoin) {
    public EmergencyContact {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(name, "'name' must not be null");
        if (name.isBlank() || name.length() > 120) {
            throw new IllegalArgumentException("'name' must be 1-120 characters");
        }
        Objects.requireNonNull(phone, "'phone' must not be null");
        relationship = relationship == null ? "" : relationship.strip();
        if (relationship.length() > 60) {
            throw new IllegalArgumentException("'relationship' must be at most 60 characters");
        }
        Objects.requireNonNull(createdAt, "'createdAt' must not be null");
    }

    /** A contact allowed to join a live call from their family link (the default). */
    public EmergencyContact(UUID id, TenantId tenant, String name, PhoneNumber phone, String relationship, Instant createdAt) {
        this(id, tenant, name, phone, relationship, createdAt, true);
    }

    public EmergencyContact withMayJoin(boolean value) {
        return new EmergencyContact(id, tenant, name, phone, relationship, createdAt, value);
    }
}
