package com.ethiq.core.caller;

/**
 * How much each caller signal weighs. {@code trustedRaise} is added to both thresholds for trusted callers (a scam
 * verdict on a family member needs stronger evidence); the priors make a call start suspicious.
 *
 * @param trustedRaise          added to the suspicious and scam thresholds for emergency contacts and known callers
 * @param blockedWarnPrior      prior of a blocked caller the account wants to be warned about
 * @param reportedPrior         prior of a number reported by enough accounts
 * @param mismatchWeight        claim of an institution that does call people, from a number not its own
 * @param neverCallsWeight      claim of an institution that never calls unprompted
 * @param spoofedWeight         claim from one of the institution's numbers whose caller-ID verification failed
 * @param attestationFailedWeight a failed caller-ID verification on its own
 */
public record CallerPolicy(double trustedRaise, double blockedWarnPrior, double reportedPrior, double mismatchWeight,
                           double neverCallsWeight, double spoofedWeight, double attestationFailedWeight) {
    public static final CallerPolicy DEFAULT = new CallerPolicy(0.2, 0.45, 0.4, 0.2, 0.45, 0.5, 0.1);

    public CallerPolicy {
        check("trustedRaise", trustedRaise);
        check("blockedWarnPrior", blockedWarnPrior);
        check("reportedPrior", reportedPrior);
        check("mismatchWeight", mismatchWeight);
        check("neverCallsWeight", neverCallsWeight);
        check("spoofedWeight", spoofedWeight);
        check("attestationFailedWeight", attestationFailedWeight);
    }

    private static void check(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException("'" + name + "' must be within [0, 1), got " + v);
        }
    }
}
