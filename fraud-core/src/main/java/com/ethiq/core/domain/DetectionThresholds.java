package com.ethiq.core.domain;

/**
 * Score thresholds of one tenant: at {@code suspicious} the verdict becomes suspicious and the AI may be asked,
 * at {@code scam} the alerts go out. Both in 0..1, suspicious below scam.
 */
public record DetectionThresholds(double suspicious, double scam) {
    public static final DetectionThresholds DEFAULT = new DetectionThresholds(0.35, 0.7);

    public DetectionThresholds {
        if (!(suspicious > 0 && suspicious < 1)) {
            throw new IllegalArgumentException("'suspicious' threshold must be within (0, 1), got " + suspicious);
        }
        if (!(scam > 0 && scam <= 1)) {
            throw new IllegalArgumentException("'scam' threshold must be within (0, 1], got " + scam);
        }
        if (suspicious >= scam) {
            throw new IllegalArgumentException("'suspicious' threshold (" + suspicious + ") must be below 'scam' (" + scam + ")");
        }
    }
}
