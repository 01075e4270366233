package com.ethiq.core.family;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The opaque tokens of family links: 128 random bits from {@link SecureRandom}, base64url without padding (22
 * characters, short enough for an SMS). The store keeps SHA-256(token) only: a database leak reveals no usable link.
 */
public final class FamilyTokens {
    static final int TOKEN_BYTES = 16;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern HASH = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private FamilyTokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    /** Whether {@code text} has a token's shape (checked before any lookup; any text is still hashed the same way). */
    public static boolean plausible(String text) {
        return text != null && TOKEN.matcher(text).matches();
    }

    /** SHA-256 of the token, base64url (43 characters). Any text hashes, so unknown and malformed cost the same. */
    public static String hash(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return B64.encodeToString(sha.digest((token == null ? "" : token).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static boolean isHash(String text) {
        return HASH.matcher(text).matches();
    }
}
