package com.ethiq.core.management.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Random opaque tokens (refresh tokens, invitations, recovery codes) and their SHA-256 for storage. Thread-safe. */
public final class SecureTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private SecureTokens() {
    }

    /** 256 random bits, base64url without padding (43 characters). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True if the text could be one of our tokens (cheap pre-check before any lookup). */
    public static boolean plausible(String token) {
        return token != null && TOKEN_SHAPE.matcher(token).matches();
    }

    /** {@code groups} groups of 4 base32 characters (5 bits each) joined by '-'. */
    public static String newGroupedCode(int groups) {
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < groups; g++) {
            if (g > 0) {
                sb.append('-');
            }
            for (int i = 0; i < 4; i++) {
                sb.append(BASE32[RANDOM.nextInt(32)]);
            }
        }
        return sb.toString();
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
