package com.ethiq.app.security;

import com.ethiq.app.Caches;
import com.github.benmanes.caffeine.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Per-key request budget on one node (fixed windows by the injected clock): at most {@code limit} requests per
 * {@code window} and key (an IP, a user). The persistent per-account/per-IP failure throttling lives in the core;
 * this one caps raw request rates on the unauthenticated endpoints. Memory is bounded. Thread-safe.
 */
public final class RequestRateLimiter {
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Window> windows;

    public RequestRateLimiter(int limit, Duration window, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("'limit' must be >= 1, got " + limit);
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.windows = Caches.newBuilder().maximumSize(200_000).expireAfterAccess(window.multipliedBy(2)).build();
    }

    /** Counts one request; returns how long to wait if the key is over its budget. */
    public Optional<Duration> acquire(String key) {
        Instant now = clock.instant();
        long slot = Math.floorDiv(now.toEpochMilli(), window.toMillis());
        Window w = windows.asMap().compute(key, (k, old) -> old == null || old.slot != slot ? new Window(slot, 1) : new Window(slot, old.count + 1));
        if (w.count <= limit) {
            return Optional.empty();
        }
        Instant next = Instant.ofEpochMilli((slot + 1) * window.toMillis());
        return Optional.of(Duration.between(now, next));
    }

    private record Window(long slot, int count) {
    }
}
