package com.ethiq.core.fake;

import com.ethiq.core.domain.Secret;
import com.ethiq.core.management.identity.TotpCodes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A predictable {@link TotpCodes} for tests: the code of a step is derived from the seed and the step by a simple
 * public formula ({@link #codeFor}), with the same ±1 step window as the real one. Not RFC 6238. Thread-safe.
 */
public final class ScriptedTotpCodes implements TotpCodes {
    private final AtomicInteger seeds = new AtomicInteger();

    @Override
    public Secret newSeed() {
        return Secret.of("SEED" + "A".repeat(24) + String.format("%04d", seeds.incrementAndGet()));
    }

    @Override
    public String provisioningUri(Secret seed, String accountLabel, String issuer) {
        return "otpauth://totp/" + URLEncoder.encode(issuer + ":" + accountLabel, StandardCharsets.UTF_8)
                + "?secret=" + seed.reveal() + "&issuer=" + URLEncoder.encode(issuer, StandardCharsets.UTF_8);
    }

    @Override
    public OptionalLong matchingStep(Secret seed, String code, Instant now) {
        long step = now.getEpochSecond() / 30;
        for (long s = step - 1; s <= step + 1; s++) {
            if (codeFor(seed, s).equals(code)) {
                return OptionalLong.of(s);
            }
        }
        return OptionalLong.empty();
    }

    /** The code valid for {@code step}. */
    public static String codeFor(Secret seed, long step) {
        return String.format("%06d", Math.floorMod((seed.reveal() + ":" + step).hashCode(), 1_000_000));
    }

    public static String codeAt(Secret seed, Instant at) {
        return codeFor(seed, at.getEpochSecond() / 30);
    }
}
