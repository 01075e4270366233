package com.ethiq.core.usecase;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Recognises our own warnings in a recognised segment. A warning spoken to everyone is mixed into the conference,
 * which is the callee track of the caller's media stream; recognised there, it would read as the protected person
 * speaking (and its scam words would feed detection). A segment counts as an echo when it has at least two words and
 * at least 80 % of them are words of one warning of this call (accents and case ignored: recognisers differ on
 * both). Warnings to the protected person's leg only never reach the stream and need none of this. Thread-safe.
 */
final class AnnouncementEcho {
    static final double SHARE = 0.8;
    private static final int MAX_WARNINGS = 16;

    private final List<Set<String>> warnings = new CopyOnWriteArrayList<>();

    void add(String text) {
        Set<String> words = words(text);
        if (!words.isEmpty() && warnings.size() < MAX_WARNINGS) {
            warnings.add(words);
        }
    }

    boolean matches(String segment) {
        if (warnings.isEmpty() || segment == null) {
            return false;
        }
        List<String> said = List.copyOf(wordList(segment));
        if (said.size() < 2) {
            return false;
        }
        for (Set<String> warning : warnings) {
            long known = said.stream().filter(warning::contains).count();
            if (known >= SHARE * said.size()) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> words(String text) {
        return new HashSet<>(wordList(text));
    }

    private static List<String> wordList(String text) {
        String plain = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        return java.util.Arrays.stream(plain.split("[^\\p{L}\\p{N}]+")).filter(w -> w.length() > 1).toList();
    }
}
