package com.ethiq.core.management.backoffice;

import java.time.Duration;
import java.util.Objects;

/**
 * How many accounts — each taking a number from the platform's pool — one user, and one client address, may create
 * within {@code window} (a day by default). Counted before the account is created, in the shared attempt counters,
 * so concurrent sign-ups on several nodes cannot slip past it; attempts that then fail (empty pool) still count.
 */
public record NumberQuota(int perUser, int perOrigin, Duration window) {
    public static final NumberQuota DEFAULT = new NumberQuota(2, 5, Duration.ofDays(1));

    public NumberQuota {
        if (perUser < 1 || perOrigin < 1) {
            throw new IllegalArgumentException("'perUser' and 'perOrigin' must be >= 1, got " + perUser + " and " + perOrigin);
        }
        Objects.requireNonNull(window, "'window' must not be null");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("'window' must be positive, got " + window);
        }
    }
}
