package com.ethiq.core.management.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A sign-in e-mail address, normalised (trimmed, lower-case) so that one mailbox maps to one user. Kept out of
 * logs and audit rows: use {@link #fingerprint()} there.
 */
public record EmailAddress(String value) {
    private static final Pattern SHAPE = Pattern.compile("[^@\\s\"<>(),;:\\\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    public EmailAddress {
        if (value == null) {
            throw new IllegalArgumentException("'email' must not be null");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.length() > 254 || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("'email' must be an address like name@example.org");
        }
    }

    public static EmailAddress of(String text) {
        return new EmailAddress(text);
    }

    /** A stable pseudonym for audit rows and throttling keys (first 16 hex digits of SHA-256). */
    public String fingerprint() {
        return fingerprintOf(value);
    }

    /** The same pseudonym for text that may not be a valid address (failed logins with junk input). */
    public static String fingerprintOf(String raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(raw).strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    @Override
    public String toString() {
        return "EmailAddress[" + fingerprint() + "]";
    }
}
