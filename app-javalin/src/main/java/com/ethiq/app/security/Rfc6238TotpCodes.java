package com.ethiq.app.security;

import com.ethiq.core.domain.Secret;
import com.ethiq.core.management.identity.TotpCodes;
import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.secret.SecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * {@link TotpCodes} with dev.samstevens.totp: 160-bit seeds from SecureRandom (32 base32 characters), 6-digit SHA-1
 * codes over 30-second steps (what every authenticator app does), one step of drift either side, constant-time
 * comparison. The step that matched is returned so the caller can refuse its reuse. Thread-safe.
 */
public final class Rfc6238TotpCodes implements TotpCodes {
    public static final int PERIOD_SECONDS = 30;
    public static final int DIGITS = 6;
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    private final SecretGenerator secrets = new DefaultSecretGenerator(32);
    private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

    @Override
    public Secret newSeed() {
        return Secret.of(secrets.generate());
    }

    @Override
    public String provisioningUri(Secret seed, String accountLabel, String issuer) {
        return new QrData.Builder().label(accountLabel).secret(seed.reveal()).issuer(issuer)
                .algorithm(HashingAlgorithm.SHA1).digits(DIGITS).period(PERIOD_SECONDS).build().getUri();
    }

    @Override
    public OptionalLong matchingStep(Secret seed, String code, Instant now) {
        if (code == null || !CODE.matcher(code).matches()) {
            return OptionalLong.empty();
        }
        long step = Math.floorDiv(now.getEpochSecond(), PERIOD_SECONDS);
        long found = -1;
        // Every candidate is computed and compared, matched or not, so timing does not tell which step matched.
        for (long s = step - 1; s <= step + 1; s++) {
            if (MessageDigest.isEqual(codeFor(seed, s).getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))) {
                found = found < 0 ? s : found;
            }
        }
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** The code of one step (also used by tests to play the authenticator app). */
    public String codeFor(Secret seed, long step) {
        try {
            return codes.generate(seed.reveal(), step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("TOTP code generation failed", e);
        }
    }
}
