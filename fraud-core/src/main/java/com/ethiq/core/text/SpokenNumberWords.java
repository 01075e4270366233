package com.ethiq.core.text;

import java.util.HashMap;
import java.util.Map;

/**
 * The number words of French and English with their values (lower case, without accents), one list for every reader
 * of numbers said aloud: detection's normaliser turns them into digits before the phrase rules, privacy's redactor
 * finds codes and card numbers read word by word. Each reader keeps its own parser (their jobs differ) and adds its
 * own words: detection the ambiguous "une", the redactor "zéro", plurals and millions.
 */
public final class SpokenNumberWords {

    /** Zero to sixteen, the tens (with the Belgian and Swiss ones), cent(s), mille. */
    public static final Map<String, Long> FRENCH = words(
            new String[] {"zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
                    "douze", "treize", "quatorze", "quinze", "seize"},
            Map.ofEntries(Map.entry("vingt", 20L), Map.entry("vingts", 20L), Map.entry("trente", 30L),
                    Map.entry("quarante", 40L), Map.entry("cinquante", 50L), Map.entry("soixante", 60L),
                    Map.entry("septante", 70L), Map.entry("huitante", 80L), Map.entry("octante", 80L),
                    Map.entry("nonante", 90L), Map.entry("cent", 100L), Map.entry("cents", 100L),
                    Map.entry("mille", 1000L)));

    /** Zero to nineteen, the tens, hundred, thousand. */
    public static final Map<String, Long> ENGLISH = words(
            new String[] {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"},
            Map.ofEntries(Map.entry("twenty", 20L), Map.entry("thirty", 30L), Map.entry("forty", 40L),
                    Map.entry("fifty", 50L), Map.entry("sixty", 60L), Map.entry("seventy", 70L),
                    Map.entry("eighty", 80L), Map.entry("ninety", 90L), Map.entry("hundred", 100L),
                    Map.entry("thousand", 1000L)));

    private SpokenNumberWords() {
    }

    /** The words {@code units[i]} = i, then the others. */
    private static Map<String, Long> words(String[] units, Map<String, Long> others) {
        Map<String, Long> all = new HashMap<>(others);
        for (int i = 0; i < units.length; i++) {
            all.put(units[i], (long) i);
        }
        return Map.copyOf(all);
    }
}
