package com.ethiq.app.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Number onboarding: the quarantine of released numbers (the one value for the account API, the store's erasure and
 * the onboarding use case), the periods of its jobs, and what buying a pool number needs.
 */
public record OnboardingSettings(Duration numberQuarantine, Duration retryInterval, Duration reconcileInterval,
                                 Optional<String> bundleSid, Optional<String> addressSid) {
    public OnboardingSettings {
        Objects.requireNonNull(numberQuarantine, "'numberQuarantine' must not be null");
        Objects.requireNonNull(retryInterval, "'retryInterval' must not be null");
        Objects.requireNonNull(reconcileInterval, "'reconcileInterval' must not be null");
        Objects.requireNonNull(bundleSid, "'bundleSid' must not be null");
        Objects.requireNonNull(addressSid, "'addressSid' must not be null");
    }

    public static OnboardingSettings from(Map<String, String> env) {
        return new OnboardingSettings(Settings.NUMBER_QUARANTINE.read(env), Settings.NUMBER_RETRY_INTERVAL.read(env),
                Settings.NUMBER_RECONCILE_INTERVAL.read(env), Settings.TWILIO_BUNDLE_SID.read(env),
                Settings.TWILIO_ADDRESS_SID.read(env));
    }
}
