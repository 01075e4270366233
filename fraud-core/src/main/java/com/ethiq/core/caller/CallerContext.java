package com.ethiq.core.caller;

import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.detection.ScamCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything known about the caller of one call before a word is spoken: the number (empty when hidden), what the
 * account's lists say, the carrier's caller-ID verification and the shared reputation (only once reported by enough
 * accounts; {@link Reputation#NONE} otherwise).
 */
public record CallerContext(Optional<PhoneNumber> number, CallerTrust trust, Attestation attestation, Reputation reputation) {
    public CallerContext {
        Objects.requireNonNull(number, "'number' must not be null");
        Objects.requireNonNull(trust, "'trust' must not be null");
        Objects.requireNonNull(attestation, "'attestation' must not be null");
        Objects.requireNonNull(reputation, "'reputation' must not be null");
    }

    /** A caller about whom nothing is known (hosts without screening, tests). */
    public static CallerContext unknown(String from) {
        return new CallerContext(CallerScreening.parse(from), CallerTrust.STRANGER, Attestation.ABSENT, Reputation.NONE);
    }

    /** The tenant's thresholds, raised for trusted callers. */
    public DetectionThresholds thresholds(DetectionThresholds base, CallerPolicy policy) {
        if (!(trust instanceof CallerTrust.Trusted) || policy.trustedRaise() == 0) {
            return base;
        }
        double scam = hundredths(Math.min(0.97, base.scam() + policy.trustedRaise()));
        double suspicious = hundredths(Math.min(scam - 0.01, base.suspicious() + policy.trustedRaise()));
        return new DetectionThresholds(suspicious, scam);
    }

    /** The cues known at ring time, strongest first. */
    public List<CallerCue> priorCues(CallerPolicy policy, DetectionThresholds effective) {
        List<CallerCue> cues = new ArrayList<>(3);
        if (trust instanceof CallerTrust.Blocked b) {
            cues.add(new CallerCue("caller.blocked", "caller is on the account's block list" + named(b.name()), policy.blockedWarnPrior()));
        }
        if (reputation.accounts() > 0) {
            String categories = reputation.categories().stream().filter(c -> c != ScamCategory.NONE)
                    .map(ScamCategory::wire).sorted().collect(Collectors.joining(", "));
            cues.add(new CallerCue("caller.reported", "number reported as a scam by " + reputation.accounts() + " accounts"
                    + (categories.isEmpty() ? "" : " (" + categories + ")"), policy.reportedPrior()));
        }
        if (attestation == Attestation.FAILED) {
            cues.add(new CallerCue("caller.attestation_failed", "the carrier's caller-ID verification failed (number likely spoofed)",
                    policy.attestationFailedWeight()));
        } else if (attestation != Attestation.ABSENT) {
            // explained, never lowering risk: a verified number can still be a scammer's own
            cues.add(new CallerCue("caller.attestation", "the carrier's caller-ID verification: " + attestation.words(), 0));
        }
        if (trust instanceof CallerTrust.Trusted t) {
            cues.add(new CallerCue("caller.trusted", "trusted caller (" + t.source().words() + named(t.name())
                    + "): a scam verdict needs a score of " + effective.scam(), 0));
        }
        return cues;
    }

    private static double hundredths(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String named(String name) {
        return name.isBlank() ? "" : " '" + name + "'";
    }
}
