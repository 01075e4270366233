package com.ethiq.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One billable fact for a tenant; {@code callSid} is null for usage outside a call. */
public record UsageEvent(UUID id, TenantId tenant, CallSid callSid, UsageKind kind, long quantity, Instant at, String detail) {
    public UsageEvent {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(kind, "'kind' must not be null");
        if (quantity < 0) {
            throw new IllegalArgumentException("'quantity' must be >= 0, got " + quantity);
        }
        Objects.requireNonNull(at, "'at' must not be null");
        detail = detail == null ? "" : detail;
        if (detail.length() > 200) {
            throw new IllegalArgumentException("'detail' must be at most 200 characters");
        }
    }
}
