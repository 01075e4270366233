package com.ethiq.core.management.identity;

import com.ethiq.core.domain.Secret;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Outgoing port: RFC 6238 time-based one-time passwords (30-second steps, 6 digits, SHA-1 as authenticator apps
 * expect). Thread-safe.
 */
public interface TotpCodes {

    /** A new random seed of at least 160 bits, base32-encoded. */
    Secret newSeed();

    /** The {@code otpauth://totp/...} URI authenticator apps scan. */
    String provisioningUri(Secret seed, String accountLabel, String issuer);

    /**
     * The step (seconds since epoch / 30) that {@code code} is valid for within one step either side of
     * {@code now}, compared in constant time; empty if none.
     */
    OptionalLong matchingStep(Secret seed, String code, Instant now);
}
