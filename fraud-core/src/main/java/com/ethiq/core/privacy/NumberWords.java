package com.ethiq.core.privacy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * French and English number words ("quatre-vingt-dix-sept", "twenty-one"), so that codes read aloud word by word
 * are recognised like written digits.
 */
final class NumberWords {

    /** The value of one spoken number and whether it uses a multiplier (cent, mille...), i.e. reads as a quantity. */
    record Spoken(long value, boolean quantity) {
        /** Single tens word (vingt, thirty...) that a following unit word may complete. */
        boolean isTens() {
            return !quantity && value >= 20 && value < 100 && value % 10 == 0;
        }
    }

    private static final Map<String, Long> VALUES = new HashMap<>();
    private static final Set<String> HUNDREDS = Set.of("cent", "cents", "hundred", "hundreds");
    private static final Set<String> THOUSANDS = Set.of("mille", "thousand", "thousands");
    private static final Set<String> MILLIONS = Set.of("million", "millions", "milliard", "milliards", "billion", "billions");
    private static final Set<String> CONNECTORS = Set.of("et", "and");

    static {
        String[] fr = {"zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
                "douze", "treize", "quatorze", "quinze", "seize"};
        for (int i = 0; i < fr.length; i++) {
            VALUES.put(fr[i], (long) i);
        }
        VALUES.put("z\u00e9ro", 0L);
        String[] en = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
        for (int i = 0; i < en.length; i++) {
            VALUES.put(en[i], (long) i);
        }
        Object[][] tens = {{"vingt", 20}, {"vingts", 20}, {"trente", 30}, {"quarante", 40}, {"cinquante", 50},
                {"soixante", 60}, {"septante", 70}, {"huitante", 80}, {"octante", 80}, {"nonante", 90},
                {"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70},
                {"eighty", 80}, {"ninety", 90}};
        for (Object[] t : tens) {
            VALUES.put((String) t[0], ((Integer) t[1]).longValue());
        }
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
