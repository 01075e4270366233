package com.ethiq.core.management.identity;

import com.ethiq.core.domain.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * A user's TOTP seed and whether enrolment was confirmed by one valid code. {@code lastAcceptedStep} is the last
 * 30-second step a code was accepted for: a code for that step or an earlier one is a replay.
 */
public record TotpState(UserId user, Secret seed, boolean confirmed, long lastAcceptedStep, Instant createdAt,
                        Instant confirmedAt) {
    public TotpState {
        Objects.requireNonNull(user, "'user' must not be null");
        Objects.requireNonNull(seed, "'seed' must not be null");
        Objects.requireNonNull(createdAt, "'createdAt' must not be null");
    }
}
