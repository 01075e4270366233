package com.ethiq.core.management.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recovery codes: 24 base32 characters (120 random bits) shown as six groups of four. With that much entropy a
 * plain SHA-256 is a safe way to store them (no slow hash needed), and lookup is direct. Stateless.
 */
final class RecoveryCodes {
    private RecoveryCodes() {
    }

    static List<String> generate(int count) {
        List<String> codes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            codes.add(SecureTokens.newGroupedCode(6));
        }
        return codes;
    }

    /** What the user typed, without spaces or dashes, lower-case: the form that is hashed. */
    static String normalise(String typed) {
        return typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    static List<String> hashes(List<String> codes) {
        return codes.stream().map(c -> SecureTokens.sha256Hex(normalise(c))).toList();
    }
}
