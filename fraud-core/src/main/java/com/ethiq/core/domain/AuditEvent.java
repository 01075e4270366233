package com.ethiq.core.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One audited action: who did what to which target, from where, when. {@code tenant} is null for platform-level
 * events (unknown number called, operator actions not bound to one account). Never holds secrets or transcripts.
 */
public record AuditEvent(UUID id, TenantId tenant, String actor, String action, String target, String ip,
                         String userAgent, Instant at, Map<String, String> details) {
    public AuditEvent {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(actor, "'actor' must not be null");
        Objects.requireNonNull(action, "'action' must not be null");
        if (action.isBlank() || action.length() > 80) {
            throw new IllegalArgumentException("'action' must be 1-80 characters");
        }
        target = target == null ? "" : target;
        ip = ip == null ? "" : ip;
        userAgent = userAgent == null ? "" : userAgent;
        Objects.requireNonNull(at, "'at' must not be null");
        details = Map.copyOf(details);
    }

    /** An action taken by the system itself (call path, jobs). */
    public static AuditEvent system(UUID id, TenantId tenant, String action, String target, Instant at, Map<String, String> details) {
        return new AuditEvent(id, tenant, "system", action, target, "", "", at, details);
    }
}
