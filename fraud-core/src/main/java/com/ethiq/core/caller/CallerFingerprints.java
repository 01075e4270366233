package com.ethiq.core.caller;

import com.ethiq.core.domain.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The only form in which a caller's number leaves its account for the shared reputation: HMAC-SHA256 under a
 * platform key, base64url without padding (43 characters). Without the key a fingerprint cannot be turned back into a
 * number by trying the (small) space of phone numbers. Thread-safe: each fingerprint uses its own clone of a keyed
 * {@link Mac} (a {@code Mac} is stateful).
 */
public final class CallerFingerprints {
    public static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private final Mac keyed;

    public CallerFingerprints(byte[] platformKey) {
        if (platformKey == null || platformKey.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the reputation key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        try {
            keyed = Mac.getInstance(ALGORITHM);
            keyed.init(new SecretKeySpec(platformKey, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is unavailable", e);
        }
    }

    public String of(PhoneNumber number) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(number.e164().getBytes(StandardCharsets.US_ASCII)));
    }

    /** HMAC-SHA256 of {@code message} under this key. */
    byte[] mac(byte[] message) {
        try {
            return ((Mac) keyed.clone()).doFinal(message);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(ALGORITHM + " provider cannot clone a keyed Mac", e);
        }
    }

    @Override
    public String toString() {
        return "CallerFingerprints[key=***]";
    }
}
