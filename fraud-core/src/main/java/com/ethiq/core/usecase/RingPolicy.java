package com.ethiq.core.usecase;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the protected person is rung into the conference: one attempt per delay (counted from the previous failure;
 * the first is normally zero). Only transient failures are retried: a permanent one (bad credentials, no number)
 * would fail again. Kept short on purpose: a person rung seconds late has missed the call.
 */
public record RingPolicy(List<Duration> delays) {
    /** At once, then 0.4 s and 1.2 s after transient failures: three attempts. */
    public static final RingPolicy DEFAULT = new RingPolicy(List.of(Duration.ZERO, Duration.ofMillis(400), Duration.ofMillis(1200)));

    public RingPolicy {
        Objects.requireNonNull(delays, "'delays' must not be null");
        delays = List.copyOf(delays);
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("'delays' must allow at least one attempt");
        }
        for (Duration d : delays) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("'delays' must not be negative, got " + d);
            }
        }
    }

    public int attempts() {
        return delays.size();
    }

    /** Delay before attempt {@code attempt} (0-based). */
    public Duration delayBefore(int attempt) {
        return delays.get(attempt);
    }
}
