package com.ethiq.core.management.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be (NIST SP 800-63B / ASVS 6.2): 8 to 128 characters, any characters, no composition
 * rules, not trimmed, not one of the most common passwords and not the user's own e-mail. Passwords are NFKC
 * normalised before hashing so the same password typed on two keyboards matches. Stateless.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    // The most frequent passwords in public breach corpora (English and French), lower-cased. A full breached-list
    // check (k-anonymity range queries) is an operator option outside the core.
    private static final Set<String> COMMON = Set.of(
            "12345678", "123456789", "1234567890", "12345678910", "password", "password1", "password123",
            "passw0rd", "qwertyuiop", "qwerty123", "azertyuiop", "azerty123", "azerty12", "11111111", "00000000",
            "88888888", "87654321", "iloveyou", "sunshine", "princess", "football", "baseball", "welcome1",
            "abc12345", "abcd1234", "1q2w3e4r", "1q2w3e4r5t", "motdepasse", "motdepasse1", "soleil123", "doudou123",
            "chouchou", "loulou123", "marseille", "bonjour1", "bonjour123", "jetaime1", "nicolas1", "superman",
            "letmein1", "trustno1", "admin123", "administrator", "changeme", "dragon123", "monkey123", "qazwsxedc",
            "zaq12wsx", "123123123", "147258369", "987654321", "q1w2e3r4", "aaaaaaaa", "01234567", "ethiq123");

    private PasswordPolicy() {
    }

    /** The normalised password, or an IllegalArgumentException whose message says what to change. */
    public static String validate(String password, EmailAddress email) {
        if (password == null) {
            throw new IllegalArgumentException("'password' is required");
        }
        String normalised = normalise(password);
        int length = normalised.codePointCount(0, normalised.length());
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException("'password' must have at least " + MIN_LENGTH + " characters (15 or more advised)");
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("'password' must have at most " + MAX_LENGTH + " characters");
        }
        String lower = normalised.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || lower.chars().distinct().count() == 1) {
            throw new IllegalArgumentException("'password' is too common; choose a longer phrase");
        }
        if (email != null && (lower.equals(email.value()) || lower.equals(email.value().substring(0, email.value().indexOf('@'))))) {
            throw new IllegalArgumentException("'password' must not be your e-mail address");
        }
        return normalised;
    }

    /** NFKC, nothing else (no trimming, no case folding). */
    public static String normalise(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }
}
