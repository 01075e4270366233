package com.ethiq.app.family;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-window request budget per key (a source address, a token) that can also be checked without spending it: a
 * source that exhausted its budget of misses is refused before any lookup. Keys of past windows are dropped as new
 * windows start, so memory follows the keys of one window. Thread-safe.
 */
final class FamilyBudget {
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentHashMap<String, long[]> counts = new ConcurrentHashMap<>();
    private volatile long currentSlot = Long.MIN_VALUE;

    FamilyBudget(int limit, Duration window, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("'limit' must be >= 1, got " + limit);
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Spends one unit; returns how long to wait when the key was already over its budget. */
    Optional<Duration> take(String key) {
        long slot = slot();
        long[] c = counts.compute(key, (k, old) -> old == null || old[0] != slot ? new long[] {slot, 1} : new long[] {slot, old[1] + 1});
        return c[1] <= limit ? Optional.empty() : Optional.of(untilNextWindow(slot));
    }

    /** Whether the key has spent its budget in this window (spends nothing). */
    Optional<Duration> exhausted(String key) {
        long slot = slot();
        long[] c = counts.get(key);
        return c != null && c[0] == slot && c[1] >= limit ? Optional.of(untilNextWindow(slot)) : Optional.empty();
    }

    private long slot() {
        long slot = Math.floorDiv(clock.millis(), window.toMillis());
        if (slot != currentSlot) {
            currentSlot = slot;
            counts.values().removeIf(c -> c[0] < slot);
        }
        return slot;
    }

    private Duration untilNextWindow(long slot) {
        return Duration.ofMillis((slot + 1) * window.toMillis() - clock.millis());
    }
}
