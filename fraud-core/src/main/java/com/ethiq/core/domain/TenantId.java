package com.ethiq.core.domain;

import java.util.Objects;
import java.util.UUID;

/** Identifies one protected account (a tenant). */
public record TenantId(UUID value) {
    public TenantId {
        Objects.requireNonNull(value, "'tenantId' must not be null");
    }

    public static TenantId of(String text) {
        try {
            return new TenantId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'tenantId' must be a UUID, got '" + text + "'", e);
        }
    }

    public static TenantId random() {
        return new TenantId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
