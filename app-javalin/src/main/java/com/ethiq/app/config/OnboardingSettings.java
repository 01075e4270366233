package com.ethiq.app.config;

import com.ethiq.core.management.backoffice.NumberQuota;
import com.ethiq.core.management.onboarding.PoolReassignment;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Number onboarding: the quarantine of released numbers (the one value for the account API, the store's erasure and
 * the onboarding use case), the periods of its jobs, what buying a pool number needs, and how many accounts (pool
 * numbers) one user and one client address may create a day.
 */
public record OnboardingSettings(Duration numberQuarantine, Duration retryInterval, Duration reconcileInterval,
                                 Optional<String> bundleSid, Optional<String> addressSid, NumberQuota numberQuota,
                                 PoolReassignment poolReassignment) {
    public OnboardingSettings {
        Objects.requireNonNull(numberQuota, "'numberQuota' must not be null");
        Objects.requireNonNull(numberQuarantine, "'numberQuarantine' must not be null");
        Objects.requireNonNull(retryInterval, "'retryInterval' must not be null");
        Objects.requireNonNull(reconcileInterval, "'reconcileInterval' must not be null");
        Objects.requireNonNull(bundleSid, "'bundleSid' must not be null");
        Objects.requireNonNull(addressSid, "'addressSid' must not be null");
        Objects.requireNonNull(poolReassignment, "'poolReassignment' must not be null");
    }

    public static OnboardingSettings from(Map<String, String> env) {
        return new OnboardingSettings(Settings.NUMBER_QUARANTINE.read(env), Settings.NUMBER_RETRY_INTERVAL.read(env),
                Settings.NUMBER_RECONCILE_INTERVAL.read(env), Settings.TWILIO_BUNDLE_SID.read(env),
                Settings.TWILIO_ADDRESS_SID.read(env),
                new NumberQuota(Settings.ACCOUNTS_PER_USER_PER_DAY.read(env), Settings.ACCOUNTS_PER_ADDRESS_PER_DAY.read(env),
                        Duration.ofDays(1)), Settings.POOL_NEVER_REASSIGN.read(env));
    }
}
