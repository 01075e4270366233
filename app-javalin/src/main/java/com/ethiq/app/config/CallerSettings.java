package com.ethiq.app.config;

import com.ethiq.core.caller.CallerFingerprints;
import com.ethiq.core.caller.CallerPolicy;
import com.ethiq.core.caller.CallerReputation;
import com.ethiq.core.domain.Secret;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Who is calling: the shared reputation (off without a key) and how much a trusted caller raises the thresholds. */
public record CallerSettings(Optional<Secret> reputationKey, int minAccounts, Duration window, Duration cacheTtl,
                             int trustedRaisePercent) {
    public CallerSettings {
        Objects.requireNonNull(reputationKey, "'reputationKey' must not be null");
        Objects.requireNonNull(window, "'window' must not be null");
        Objects.requireNonNull(cacheTtl, "'cacheTtl' must not be null");
    }

    public static CallerSettings from(Map<String, String> env) {
        return new CallerSettings(Settings.REPUTATION_KEY.read(env), Settings.REPUTATION_MIN_ACCOUNTS.read(env),
                Settings.REPUTATION_WINDOW.read(env), Settings.REPUTATION_CACHE_TTL.read(env),
                Settings.TRUSTED_CALLER_RAISE_PERCENT.read(env));
    }

    /** The fingerprints of the shared reputation; empty when no key is configured (the reputation is then off). */
    public Optional<CallerFingerprints> fingerprints() {
        return reputationKey.map(k -> new CallerFingerprints(MediaAdmissionSettings.keyBytes(k)));
    }

    public CallerReputation.Settings reputation() {
        return new CallerReputation.Settings(minAccounts, window, cacheTtl);
    }

    public CallerPolicy policy() {
        CallerPolicy d = CallerPolicy.DEFAULT;
        return new CallerPolicy(trustedRaisePercent / 100.0, d.blockedWarnPrior(), d.reportedPrior(), d.mismatchWeight(),
                d.neverCallsWeight(), d.spoofedWeight(), d.attestationFailedWeight());
    }
}
