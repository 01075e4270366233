package com.ethiq.adapter.twilio;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallControl.CallControlException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Deliberate retries and one circuit breaker per tenant around Twilio calls. Two retry policies: for requests that
 * must not run twice, only failures that prove Twilio did not process them are retried; idempotent requests
 * (reads, hang-up) are also retried after a lost answer. Thread-safe.
 */
final class Resilience {
    private static final Predicate<Throwable> TRANSIENT = e ->
            (e instanceof TwilioFailure f && !f.permanent()) || (e instanceof CallControlException c && !c.permanent());

    private final Retry retryUnprocessed;
    private final Retry retryTransient;
    private final CircuitBreakerRegistry breakers;

    Resilience(TwilioSettings settings, Clock clock) {
        TwilioSettings.RetrySettings r = settings.retry();
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(r.initialBackoff(), r.multiplier(), 0.5, r.maxBackoff());
        this.retryUnprocessed = Retry.of("twilio-not-processed", RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .intervalFunction(backoff)
                .retryOnException(e -> e instanceof TwilioFailure f && f.kind() == TwilioFailure.Kind.NOT_PROCESSED)
                .build());
        this.retryTransient = Retry.of("twilio-idempotent", RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .intervalFunction(backoff)
                .retryOnException(e -> e instanceof TwilioFailure f && !f.permanent())
                .build());
        TwilioSettings.BreakerSettings b = settings.breaker();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(b.windowSize())
                .minimumNumberOfCalls(b.minimumCalls())
                .failureRateThreshold(b.failureRatePercent())
                .waitDurationInOpenState(b.openDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(TRANSIENT)
                .ignoreException(TRANSIENT.negate()) // a bad number says nothing about Twilio's health
                .clock(clock)
                .build());
    }

    /**
     * Runs one port operation through the tenant's circuit breaker; whatever escapes is a {@link CallControlException}
     * (or a programming error such as {@link IllegalArgumentException}).
     */
    <T> T guarded(TenantId tenant, String operation, Supplier<T> work) {
        return guarded(tenant.toString(), operation, work);
    }

    /** Same, with a breaker named by {@code key} (an Account SID for account-level operations). */
    <T> T guarded(String key, String operation, Supplier<T> work) {
        CircuitBreaker breaker = breakers.circuitBreaker(key);
        try {
            return breaker.executeSupplier(work);
        } catch (CallNotPermittedException open) {
            throw new CallControlException(operation + " not attempted: Twilio failed repeatedly for this tenant, circuit open",
                    false, "circuit-open", null);
        } catch (TwilioFailure f) {
            throw f.toCallControlException(operation);
        }
    }

    /** A non-idempotent request: resent only when Twilio provably did not process it. */
    <T> T onceUnlessNotProcessed(Supplier<T> request) {
        return retryUnprocessed.executeSupplier(() -> classified(request));
    }

    /** An idempotent request: resent after any transient failure. */
    <T> T idempotent(Supplier<T> request) {
        return retryTransient.executeSupplier(() -> classified(request));
    }

    boolean isOpen(TenantId tenant) {
        return isOpen(tenant.toString());
    }

    boolean isOpen(String key) {
        return breakers.find(key)
                .map(cb -> cb.getState() == CircuitBreaker.State.OPEN || cb.getState() == CircuitBreaker.State.FORCED_OPEN)
                .orElse(false);
    }

    private static <T> T classified(Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            throw TwilioFailure.of(e);
        }
    }
}
