package com.ethiq.app.security;

import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Configuration of {@link TokenService}: issuer, signing keys by key id (HS256, each at least 256 bits and not
 * trivially patterned: shorter or constant keys are refused at startup), the access-token lifetime (at most 10
 * minutes) and the clock leeway (at most 30 seconds). Immutable.
 */
public record JwtSettings(String issuer, String currentKeyId, Map<String, byte[]> keys, Duration accessTtl, Duration leeway) {
    public static final int MIN_KEY_BYTES = 32;
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    public JwtSettings {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("'issuer' is required");
        }
        if (currentKeyId == null || !KID.matcher(currentKeyId).matches()) {
            throw new IllegalArgumentException("'currentKeyId' must be 1-32 letters, digits, '.', '_' or '-'");
        }
        Objects.requireNonNull(keys, "'keys' must not be null");
        Map<String, byte[]> copy = new LinkedHashMap<>();
        keys.forEach((kid, key) -> {
            if (!KID.matcher(kid).matches()) {
                throw new IllegalArgumentException("key id '" + kid + "' must be 1-32 letters, digits, '.', '_' or '-'");
            }
            checkKey(kid, key);
            copy.put(kid, key.clone());
        });
        if (!copy.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("no key for 'currentKeyId' " + currentKeyId);
        }
        keys = java.util.Collections.unmodifiableMap(copy);
        if (accessTtl == null || accessTtl.isNegative() || accessTtl.isZero() || accessTtl.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("'accessTtl' must be within (0, 10 min], got " + accessTtl);
        }
        if (leeway == null || leeway.isNegative() || leeway.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("'leeway' must be within [0, 30 s], got " + leeway);
        }
    }

    /** One key, 10-minute access tokens, 30 s leeway. {@code base64Key} is standard or URL-safe base64. */
    public static JwtSettings of(String issuer, String base64Key) {
        return new JwtSettings(issuer, "k1", Map.of("k1", decode(base64Key)), Duration.ofMinutes(10), Duration.ofSeconds(30));
    }

    public static byte[] decode(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("the JWT signing key is missing");
        }
        try {
            String k = base64Key.strip();
            return k.contains("-") || k.contains("_") ? Base64.getUrlDecoder().decode(k) : Base64.getDecoder().decode(k);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWT signing key must be base64", e);
        }
    }

    private static void checkKey(String kid, byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("JWT key '" + kid + "' must have at least " + MIN_KEY_BYTES * 8
                    + " bits, got " + (key == null ? 0 : key.length * 8));
        }
        long distinct = new String(key, java.nio.charset.StandardCharsets.ISO_8859_1).chars().distinct().count();
        if (distinct < 8) {
            throw new IllegalArgumentException("JWT key '" + kid + "' looks constant or patterned; generate 32 random bytes");
        }
    }

    @Override
    public String toString() {
        return "JwtSettings[issuer=" + issuer + ", currentKeyId=" + currentKeyId + ", keys=" + keys.keySet() + "]";
    }
}
