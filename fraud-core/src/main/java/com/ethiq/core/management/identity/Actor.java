package com.ethiq.core.management.identity;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An authenticated caller as the use cases see it: built by the host from a verified access token and a fresh
 * read of the user (never from anything the client asserts). {@code sessionId} is the refresh-token family,
 * {@code authTime} when the user last proved their identity (for step-up).
 */
public record Actor(UserId user, boolean operator, UUID sessionId, Instant authTime, Set<AuthMethod> methods,
                    RequestOrigin origin) {
    public Actor {
        Objects.requireNonNull(user, "'user' must not be null");
        Objects.requireNonNull(sessionId, "'sessionId' must not be null");
        Objects.requireNonNull(authTime, "'authTime' must not be null");
        methods = methods.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(methods));
        Objects.requireNonNull(origin, "'origin' must not be null");
    }

    /** How the actor appears in audit rows. */
    public String auditName() {
        return (operator ? "operator:" : "user:") + user.value();
    }
}
