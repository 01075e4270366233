package com.ethiq.core.family;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * An action done on a call: which, by whom ({@code actor}: "contact:{id}" or "user:{id}", as audited; {@code actorName}
 * as shown to the family), when. At most one per (tenant, call, action).
 */
public record FamilyActionTaken(TenantId tenant, CallSid callSid, String action, String actor, String actorName, Instant at) {
    public FamilyActionTaken {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        if (FamilyAction.fromWire(action).isEmpty()) {
            throw new IllegalArgumentException("'action' must be one of join, end, handling, false-alarm, block, got '" + action + "'");
        }
        Objects.requireNonNull(actor, "'actor' must not be null");
        if (actor.isBlank() || actor.length() > 80) {
            throw new IllegalArgumentException("'actor' must be 1-80 characters");
        }
        actorName = actorName == null ? "" : actorName;
        if (actorName.length() > 120) {
            throw new IllegalArgumentException("'actorName' must be at most 120 characters");
        }
        Objects.requireNonNull(at, "'at' must not be null");
    }
}
