package com.ethiq.core.usecase;

import java.time.Duration;
import java.util.Objects;

/**
 * When a call's transcript goes to the AI: once rule suspicion reaches the tenant's lower threshold, at most one
 * request per {@code minInterval} per call, only with new final turns, within the tenant's daily budget, and
 * only while the answer can still arrive within {@code deadline}. Past the deadline the rules decide alone.
 */
public record EscalationPolicy(Duration minInterval, Duration deadline, int windowTurns) {
    public static final EscalationPolicy DEFAULT = new EscalationPolicy(Duration.ofSeconds(10), Duration.ofSeconds(8), 24);

    public EscalationPolicy {
        Objects.requireNonNull(minInterval, "'minInterval' must not be null");
        Objects.requireNonNull(deadline, "'deadline' must not be null");
        if (minInterval.isNegative() || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("'minInterval' must be >= 0 and 'deadline' > 0");
        }
        if (windowTurns < 1 || windowTurns > 200) {
            throw new IllegalArgumentException("'windowTurns' must be 1-200, got " + windowTurns);
        }
    }
}
