package com.ethiq.core.caller;

import com.ethiq.core.domain.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The only form in which a caller's number leaves its account for the shared reputation: HMAC-SHA256 under a
 * platform key, base64url without padding (43 characters). Without the key a fingerprint cannot be turned back into a
 * number by trying the (small) space of phone numbers. Thread-safe.
 */
public final class CallerFingerprints {
    public static final int MIN_KEY_BYTES = 32;
    private static final int BLOCK = 64;
    private final byte[] inner;
    private final byte[] outer;

    public CallerFingerprints(byte[] platformKey) {
        if (platformKey == null || platformKey.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the reputation key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        // HMAC (RFC 2104) over SHA-256 with java.security only: the core stays free of javax.crypto providers.
        byte[] k = platformKey.length > BLOCK ? sha256().digest(platformKey) : platformKey;
        byte[] padded = Arrays.copyOf(k, BLOCK);
        this.inner = new byte[BLOCK];
        this.outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            inner[i] = (byte) (padded[i] ^ 0x36);
            outer[i] = (byte) (padded[i] ^ 0x5c);
        }
        Arrays.fill(padded, (byte) 0);
    }

    public String of(PhoneNumber number) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(number.e164().getBytes(StandardCharsets.US_ASCII)));
    }

    /** HMAC-SHA256 of {@code message} under this key. */
    byte[] mac(byte[] message) {
        MessageDigest h = sha256();
        h.update(inner);
        byte[] innerHash = h.digest(message);
        h.update(outer);
        return h.digest(innerHash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "CallerFingerprints[key=***]";
    }
}
