package com.ethiq.core.management.identity;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the identity use cases. Defaults follow OWASP ASVS level 2: sessions end after 30 days at most and
 * 14 idle days, step-up is valid 5 minutes, throttling starts after 5 failures per account (50 per IP) within 15
 * minutes with delays doubling from 30 s up to 15 min (never a permanent lock).
 */
public record IdentitySettings(Duration refreshIdle, Duration sessionMax, Duration stepUpMaxAge,
                               Duration invitationTtl, Duration numberQuarantine, int recoveryCodes,
                               String totpIssuer, int maxOwnedAccounts, int maxContacts, Throttling throttling) {
    public static final IdentitySettings DEFAULT = new IdentitySettings(Duration.ofDays(14), Duration.ofDays(30),
            Duration.ofMinutes(5), Duration.ofDays(7), com.ethiq.core.port.NumberPool.DEFAULT_QUARANTINE, 10, "Ethiq", 10, 20, Throttling.DEFAULT);

    public IdentitySettings {
        positive(refreshIdle, "refreshIdle");
        positive(sessionMax, "sessionMax");
        positive(stepUpMaxAge, "stepUpMaxAge");
        positive(invitationTtl, "invitationTtl");
        Objects.requireNonNull(numberQuarantine, "'numberQuarantine' must not be null");
        if (numberQuarantine.isNegative()) {
            throw new IllegalArgumentException("'numberQuarantine' must not be negative, got " + numberQuarantine);
        }
        if (stepUpMaxAge.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("'stepUpMaxAge' must be at most 15 minutes, got " + stepUpMaxAge);
        }
        if (recoveryCodes < 5 || recoveryCodes > 20) {
            throw new IllegalArgumentException("'recoveryCodes' must be 5-20, got " + recoveryCodes);
        }
        Objects.requireNonNull(totpIssuer, "'totpIssuer' must not be null");
        if (maxOwnedAccounts < 1 || maxContacts < 1) {
            throw new IllegalArgumentException("'maxOwnedAccounts' and 'maxContacts' must be >= 1");
        }
        Objects.requireNonNull(throttling, "'throttling' must not be null");
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + name + "' must be a positive duration, got " + d);
        }
    }

    /** The same settings with another quarantine for numbers released by cancel/erasure (the host's one setting). */
    public IdentitySettings withNumberQuarantine(Duration value) {
        return new IdentitySettings(refreshIdle, sessionMax, stepUpMaxAge, invitationTtl, value, recoveryCodes,
                totpIssuer, maxOwnedAccounts, maxContacts, throttling);
    }

    public IdentitySettings withThrottling(Throttling value) {
        return new IdentitySettings(refreshIdle, sessionMax, stepUpMaxAge, invitationTtl, numberQuarantine, recoveryCodes,
                totpIssuer, maxOwnedAccounts, maxContacts, value);
    }

    /** Free failures per key kind within {@code window}, then a hold of {@code firstDelay} doubling to {@code maxDelay}. */
    public record Throttling(int freeAccountFailures, int freeIpFailures, int freeSecondFactorFailures, Duration window,
                             Duration firstDelay, Duration maxDelay) {
        public static final Throttling DEFAULT = new Throttling(5, 50, 5, Duration.ofMinutes(15), Duration.ofSeconds(30),
                Duration.ofMinutes(15));

        public Throttling {
            if (freeAccountFailures < 1 || freeIpFailures < 1 || freeSecondFactorFailures < 1) {
                throw new IllegalArgumentException("free failure counts must be >= 1");
            }
            positive(window, "window");
            positive(firstDelay, "firstDelay");
            positive(maxDelay, "maxDelay");
        }
    }
}
