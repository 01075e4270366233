package com.ethiq.core.management.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Brute-force throttling over {@link AttemptCounters}: after a number of free failures within a window, each
 * further failure holds the key back for a delay that doubles up to a cap. Temporary by design (a hard lock would
 * let anyone lock a victim out). Thread-safe.
 */
public final class Throttle {
    private final AttemptCounters counters;
    private final Clock clock;
    private final IdentitySettings.Throttling settings;

    public Throttle(AttemptCounters counters, Clock clock, IdentitySettings.Throttling settings) {
        this.counters = counters;
        this.clock = clock;
        this.settings = settings;
    }

    public static String accountKey(String rawEmail) {
        return "account:" + EmailAddress.fingerprintOf(rawEmail);
    }

    public static String ipKey(String ip) {
        return "ip:" + ip;
    }

    public static String secondFactorKey(UserId user) {
        return "otp:" + user.value();
    }

    /** Throws if any of the keys is held back, with the longest remaining wait. */
    public void check(String... keys) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : keys) {
            Instant until = counters.get(key).blockedUntil();
            if (until.isAfter(now)) {
                Duration left = Duration.between(now, until);
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        if (!wait.isZero()) {
            throw new TooManyAttemptsException(roundUp(wait));
        }
    }

    /** Counts a failure; returns true if the key is now held back. */
    public boolean failure(String key, int freeFailures) {
        Instant now = clock.instant();
        AttemptState state = counters.recordFailure(key, now, settings.window());
        int over = state.failures() - freeFailures;
        if (over <= 0) {
            return false;
        }
        counters.block(key, now.plus(delay(over)));
        return true;
    }

    public void success(String key) {
        counters.reset(key);
    }

    Duration delay(int over) {
        Duration d = settings.firstDelay();
        for (int i = 1; i < over && d.compareTo(settings.maxDelay()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : d;
    }

    private static Duration roundUp(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    public IdentitySettings.Throttling settings() {
        return settings;
    }
}
