package com.ethiq.core.fake;

import com.ethiq.core.management.identity.AttemptCounters;
import com.ethiq.core.management.identity.AttemptState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** In-memory {@link AttemptCounters}. Thread-safe. */
public final class InMemoryAttemptCounters implements AttemptCounters {
    private final Map<String, AttemptState> states = new HashMap<>();

    @Override
    public synchronized AttemptState get(String key) {
        return states.getOrDefault(key, AttemptState.NONE);
    }

    @Override
    public synchronized AttemptState recordFailure(String key, Instant now, Duration window) {
        AttemptState s = get(key);
        AttemptState next = s.failures() == 0 || s.windowStart().plus(window).isBefore(now)
                ? new AttemptState(1, now, s.blockedUntil())
                : new AttemptState(s.failures() + 1, s.windowStart(), s.blockedUntil());
        states.put(key, next);
        return next;
    }

    @Override
    public synchronized void block(String key, Instant until) {
        AttemptState s = get(key);
        if (until.isAfter(s.blockedUntil())) {
            states.put(key, new AttemptState(s.failures(), s.windowStart(), until));
        }
    }

    @Override
    public synchronized void reset(String key) {
        states.remove(key);
    }
}
