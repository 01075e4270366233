package com.ethiq.core.management.identity;

import com.ethiq.core.EthiqException;
import java.time.Duration;

/** A sensitive action needs a re-authentication newer than {@link #maxAge()} (and the second factor if enabled). */
public class StepUpRequiredException extends EthiqException {
    private final Duration maxAge;
    private final boolean secondFactor;

    public StepUpRequiredException(Duration maxAge, boolean secondFactor) {
        super("this action needs a recent re-authentication" + (secondFactor ? " with your second factor" : ""));
        this.maxAge = maxAge;
        this.secondFactor = secondFactor;
    }

    public Duration maxAge() {
        return maxAge;
    }

    public boolean secondFactor() {
        return secondFactor;
    }
}
