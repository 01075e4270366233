package com.ethiq.core.privacy;

import com.ethiq.core.text.SpokenNumberWords;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * French and English number words ("quatre-vingt-dix-sept", "twenty-one"), so that codes read aloud word by word
 * are recognised like written digits: the words shared with detection ({@link SpokenNumberWords}), plus the plurals,
 * millions and the accented "zéro" a redactor must also read.
 */
final class NumberWords {

    /** The value of one spoken number and whether it uses a multiplier (cent, mille...), i.e. reads as a quantity. */
    record Spoken(long value, boolean quantity) {
        /** Single tens word (vingt, thirty...) that a following unit word may complete. */
        boolean isTens() {
            return !quantity && value >= 20 && value < 100 && value % 10 == 0;
        }
    }

    /** The words under a hundred, French and English (a redactor does not know the language). */
    private static final Map<String, Long> VALUES = new HashMap<>();
    private static final Set<String> HUNDREDS = new HashSet<>(Set.of("hundreds"));
    private static final Set<String> THOUSANDS = new HashSet<>(Set.of("thousands"));
    private static final Set<String> MILLIONS = Set.of("million", "millions", "milliard", "milliards", "billion", "billions");
    private static final Set<String> CONNECTORS = Set.of("et", "and");

    static {
        for (Map<String, Long> language : List.of(SpokenNumberWords.FRENCH, SpokenNumberWords.ENGLISH)) {
            language.forEach((word, value) -> {
                if (value == 100) {
                    HUNDREDS.add(word);
                } else if (value == 1000) {
                    THOUSANDS.add(word);
                } else {
                    VALUES.put(word, value);
                }
            });
        }
        VALUES.put("z\u00e9ro", 0L); // transcripts keep their accents here
    }

    private NumberWords() {
    }

    static boolean isConnector(String lowerWord) {
        return CONNECTORS.contains(lowerWord);
    }

    /**
     * Parses one word (possibly hyphenated: "dix-sept", "quatre-vingt-dix", "vingt-et-un", "twenty-one"), already
     * lower-cased; returns null when it is not a number word.
     */
    static Spoken parse(String lowerWord) {
        String word = lowerWord;
        long total = 0;
        long current = 0;
        boolean quantity = false;
        boolean any = false;
        int start = 0;
        int len = word.length();
        while (start <= len) {
            int end = word.indexOf('-', start);
            if (end < 0) {
                end = len;
            }
            String part = word.substring(start, end);
            start = end + 1;
            if (part.isEmpty()) {
                return null;
            }
            if (CONNECTORS.contains(part)) {
                if (!any) {
                    return null;
                }
                continue;
            }
            if (HUNDREDS.contains(part)) {
                current = (current == 0 ? 1 : current) * 100;
                quantity = true;
            } else if (THOUSANDS.contains(part)) {
                total += (current == 0 ? 1 : current) * 1_000;
                current = 0;
                quantity = true;
            } else if (MILLIONS.contains(part)) {
                total += (current == 0 ? 1 : current) * 1_000_000;
                current = 0;
                quantity = true;
            } else {
                Long v = VALUES.get(part);
                if (v == null) {
                    return null;
                }
                if (v == 20 && current % 100 == 4 && part.startsWith("vingt")) {
                    current = current - 4 + 80; // quatre-vingt = 80
                } else {
                    current += v;
                }
            }
            any = true;
        }
        return any ? new Spoken(total + current, quantity) : null;
    }
}
