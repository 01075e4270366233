package com.ethiq.adapter.openai;

import com.ethiq.core.port.ScamAnalyzer.AnalysisUnavailableException;
import java.time.Duration;

/**
 * Internal failure of one analysis or one attempt, carrying what the retry and the breaker need. Never leaves the
 * adapter: {@link #toUnavailable()} turns it into the port's exception without a cause, so no vendor type and no
 * vendor message (which may echo input) crosses the port.
 */
final class AiFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final AiOutcome outcome;
    final String vendorCode;
    final boolean permanent;
    /** Whether the circuit breaker should count this attempt as a failure of the endpoint. */
    final boolean countsForBreaker;
    /** Whether another attempt may help and fits in what is left of the budget; set by the attempt. */
    final boolean retry;
    /** The wait before that attempt. */
    final Duration delay;

    private AiFailure(AiOutcome outcome, String message, String vendorCode, boolean permanent, boolean countsForBreaker,
                      boolean retry, Duration delay) {
        super(message, null, false, false);
        this.outcome = outcome;
        this.vendorCode = vendorCode == null ? outcome.code() : vendorCode;
        this.permanent = permanent;
        this.countsForBreaker = countsForBreaker;
        this.retry = retry;
        this.delay = delay;
    }

    /** A failure decided before or after talking to the vendor (no breaker, no retry). */
    static AiFailure of(AiOutcome outcome, String message, boolean permanent) {
        return new AiFailure(outcome, message, null, permanent, false, false, Duration.ZERO);
    }

    /** What one attempt at the vendor ended with. */
    static AiFailure vendor(AiOutcome outcome, String message, String vendorCode, boolean permanent, boolean countsForBreaker) {
        return new AiFailure(outcome, message, vendorCode, permanent, countsForBreaker, false, Duration.ZERO);
    }

    AiFailure retryAfter(Duration wait) {
        return new AiFailure(outcome, getMessage(), vendorCode, permanent, countsForBreaker, true, wait);
    }

    AnalysisUnavailableException toUnavailable() {
        return new AnalysisUnavailableException(getMessage(), permanent, vendorCode, null);
    }
}
