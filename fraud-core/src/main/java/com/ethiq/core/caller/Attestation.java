package com.ethiq.core.caller;

import java.util.Locale;

/**
 * The caller-ID verification the carrier passed on (Twilio's {@code StirVerstat}, today for US calls only; French
 * operators authenticate numbers among themselves without passing the result on). ABSENT is the common case: every
 * check here must work without it.
 */
public enum Attestation {
    /** Full attestation: the originating carrier vouches for the caller and the number. */
    PASSED_A,
    PASSED_B,
    PASSED_C,
    /** The signature did not verify: the number shown is likely spoofed. */
    FAILED,
    /** The carrier received no signature to verify. */
    NOT_VERIFIED,
    /** No field at all. */
    ABSENT;

    /** Parses Twilio's values ("TN-Validation-Passed-A", "TN-Validation-Failed-B", "No-TN-Validation"...). */
    public static Attestation fromStirVerstat(String value) {
        if (value == null || value.isBlank()) {
            return ABSENT;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("tn-validation-passed")) {
            return switch (v.substring(v.length() - 1)) {
                case "a" -> PASSED_A;
                case "b" -> PASSED_B;
                default -> PASSED_C;
            };
        }
        if (v.startsWith("tn-validation-failed")) {
            return FAILED;
        }
        return NOT_VERIFIED;
    }

    /** For explanations. */
    public String words() {
        return switch (this) {
            case PASSED_A -> "passed, full attestation (A)";
            case PASSED_B -> "passed, partial attestation (B)";
            case PASSED_C -> "passed, gateway attestation (C)";
            case FAILED -> "failed";
            case NOT_VERIFIED -> "not verified (no signature)";
            case ABSENT -> "none passed on";
        };
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
