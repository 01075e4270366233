package com.ethiq.core.management.identity;

import java.time.Instant;

/** Recent failures for one throttling key (an account, an IP, a user's 2FA) and until when it is held back. */
public record AttemptState(int failures, Instant windowStart, Instant blockedUntil) {
    public static final AttemptState NONE = new AttemptState(0, Instant.EPOCH, Instant.EPOCH);
}
