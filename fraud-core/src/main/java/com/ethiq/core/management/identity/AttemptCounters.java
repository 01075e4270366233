package com.ethiq.core.management.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * Outgoing port: failure counters behind brute-force throttling, shared by every node. Keys are pseudonymous
 * ("account:&lt;fingerprint&gt;", "ip:&lt;address&gt;", "otp:&lt;user id&gt;"). Thread-safe.
 */
public interface AttemptCounters {

    AttemptState get(String key);

    /**
     * Counts one failure atomically: starts a new window at {@code now} if the current one began more than
     * {@code window} ago. Returns the state after counting.
     */
    AttemptState recordFailure(String key, Instant now, Duration window);

    /** Holds the key back until {@code until} (never shortens an existing hold). */
    void block(String key, Instant until);

    void reset(String key);
}
