package com.ethiq.core.caller;

import java.util.Objects;

/**
 * The outcome of the claim check: the caller claims to be {@code institution}; {@code match} says whether the caller
 * ID is one of its numbers. Turned into an explained {@link CallerCue} and into advice for the warnings.
 */
public record ClaimFinding(Institution institution, boolean match, boolean hiddenNumber, Attestation attestation) {
    public ClaimFinding {
        Objects.requireNonNull(institution, "'institution' must not be null");
        Objects.requireNonNull(attestation, "'attestation' must not be null");
    }

    public CallerCue cue(CallerPolicy policy) {
        String name = institution.name();
        String claims = "claims to be " + name + "; ";
        if (match) {
            if (attestation == Attestation.FAILED) {
                return new CallerCue("claim.spoofed", claims + "the number is one of " + name
                        + "'s but the carrier's caller-ID verification failed: likely spoofed", policy.spoofedWeight());
            }
            String verified = attestation == Attestation.PASSED_A ? " and the carrier verified it"
                    : " (a number can be spoofed: the claim is not proven)";
            return new CallerCue("claim.match", claims + "the number is one of " + name + "'s" + verified, 0);
        }
        String number = hiddenNumber ? "the number is hidden" : "the number is not one of " + name + "'s";
        if (!institution.unsolicited()) {
            return new CallerCue("claim.never_calls", claims + number + ", and " + name + " never calls unprompted",
                    policy.neverCallsWeight());
        }
        return new CallerCue("claim.mismatch", claims + number, policy.mismatchWeight());
    }

    /** What to do, for the SMS and the spoken warning; empty when the number matched. */
    public String advice() {
        if (match && attestation != Attestation.FAILED) {
            return "";
        }
        return institution.advice();
    }
}
