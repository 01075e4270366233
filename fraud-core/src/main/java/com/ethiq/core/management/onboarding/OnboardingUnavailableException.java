package com.ethiq.core.management.onboarding;

import com.ethiq.core.EthiqException;

/** A pool operation needs the telephony provider, but number onboarding is not configured on this node (503). */
public class OnboardingUnavailableException extends EthiqException {
    public OnboardingUnavailableException(String message) {
        super(message);
    }
}
