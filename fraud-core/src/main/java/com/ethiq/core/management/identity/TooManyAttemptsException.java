package com.ethiq.core.management.identity;

import com.ethiq.core.EthiqException;
import java.time.Duration;

/** Held back by brute-force throttling; try again after {@link #retryAfter()} (429). */
public class TooManyAttemptsException extends EthiqException {
    private final Duration retryAfter;

    public TooManyAttemptsException(Duration retryAfter) {
        super("too many attempts; try again later");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
