package com.ethiq.adapter.speech;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A small circuit breaker for the speech service as a whole. Closed: everything passes. After
 * {@code failureThreshold} consecutive transient failures it opens for {@code openFor}: new streams are refused so
 * calls learn at once that they are unprotected instead of each retrying for half a minute. Then it lets streams
 * through again ("half open"): the first success closes it, the first failure opens it again. Thread-safe.
 */
final class ServiceBreaker {
    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;
    private long trips;

    ServiceBreaker(int failureThreshold, Duration openFor, Clock clock) {
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** May a stream be opened now? */
    synchronized boolean allowRequest() {
        if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
            state = State.HALF_OPEN;
        }
        return state != State.OPEN;
    }

    synchronized void recordSuccess() {
        consecutiveFailures = 0;
        state = State.CLOSED;
    }

    synchronized void recordFailure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && consecutiveFailures >= failureThreshold)) {
            state = State.OPEN;
            openUntil = clock.instant().plus(openFor);
            trips++;
        }
    }

    synchronized boolean isOpen() {
        return state == State.OPEN && clock.instant().isBefore(openUntil);
    }

    synchronized State state() {
        return state;
    }

    synchronized long trips() {
        return trips;
    }
}
