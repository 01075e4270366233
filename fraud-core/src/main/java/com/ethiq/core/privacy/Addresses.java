package com.ethiq.core.privacy;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postal addresses where they are recognisable: a house number, a street type and a name ("14 rue des Tilleuls",
 * "8 allée des Acacias, 79000 Niort"), a French postcode with its town ("75011 Paris"), an English street
 * ("221 Baker Street").
 */
final class Addresses {

    /** Street types that are addresses even when the name after them is written in lower case. */
    private static final Set<String> STRONG_TYPES = Set.of("rue", "avenue", "av", "boulevard", "bd", "impasse", "allée",
            "allee", "chemin");
    private static final Set<String> PARTICLES = Set.of("de", "du", "des", "la", "le", "les", "aux", "au", "sur", "et",
            "sous", "en");
    private static final Set<String> NOT_TOWNS = Set.of("euro", "euros", "eur", "dollars", "francs", "ans", "heures",
            "minutes", "jours", "mois", "fois");

    private static final Pattern FRENCH_STREET = Pattern.compile(
            "(?<![\\p{L}\\d\\]])\\d{1,4}(?:\\s?(?:bis|ter|b|c)(?![\\p{L}\\d\\[]))?\\s*,?\\s+"
                    + "(rue|avenue|av\\.?|boulevard|bd|chemin|impasse|all[ée]e|place|route|quai|cours|square|"
                    + "r[ée]sidence|lotissement|hameau|voie|passage|sentier|cit[ée]|villa|esplanade|promenade|"
                    + "faubourg|rond-point|parvis|clos)(?![\\p{L}\\d\\[])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern POSTCODE_TOWN = Pattern.compile(
            "(?<![\\p{L}\\d\\]])(?:0[1-9]|[1-8]\\d|9[0-8])\\s?\\d{3}\\s+(\\p{Lu}[\\p{L}'’]*(?:[\\s-]+(?:sur|sous|en|le|la|les|"
                    + "de|du|lès|\\p{Lu}[\\p{L}'’]*))*)(?![\\p{L}\\d\\[])");
    private static final Pattern ENGLISH_STREET = Pattern.compile(
            "(?<![\\p{L}\\d\\]])\\d{1,5}[A-Za-z]?,?\\s+(?:\\p{Lu}[\\p{L}'’-]*\\s+){1,3}"
                    + "(?i:street|st|road|rd|avenue|ave|lane|ln|drive|dr|way|close|court|ct|place|pl|boulevard|blvd|"
                    + "crescent|terrace|gardens|square|row|mews|hill)(?![\\p{L}\\d\\[])\\.?"
                    + "(?:,?\\s+[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2}(?![\\p{L}\\d\\[]))?");

    private Addresses() {
    }

    static String redact(String text, Counter counter) {
        String out = redactFrenchStreets(text, counter);
        out = replaceAll(POSTCODE_TOWN, out, counter, true);
        return replaceAll(ENGLISH_STREET, out, counter, false);
    }

    private static String redactFrenchStreets(String text, Counter counter) {
        Matcher m = FRENCH_STREET.matcher(text);
        StringBuilder out = null;
        int at = 0;
        int from = 0;
        while (m.find(from)) {
            String type = m.group(1).toLowerCase(Locale.ROOT).replace(".", "");
            int end = streetNameEnd(text, m.end(), STRONG_TYPES.contains(type));
            if (end < 0) {
                from = m.end();
                continue;
            }
            end = postcodeTownEnd(text, end);
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, at, m.start()).append(PiiKind.ADDRESS.placeholder());
            counter.add(PiiKind.ADDRESS);
            at = end;
            from = end;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, at, text.length()).toString();
    }

    /**
     * End of the street name after its type: particles and capitalised words ("de la Paix", "Victor Hugo"); when the
     * type is unambiguous (rue, avenue...) and nothing is capitalised, one word ("rue de la paix"). -1 if none.
     */
    private static int streetNameEnd(String text, int start, boolean strongType) {
        int k = start;
        int end = -1;
        int firstWordEnd = -1;
        for (int words = 0; words < 7; words++) {
            int s = skipSpaces(text, k);
            if (s == k || s >= text.length()) {
                break;
            }
            int e = wordEnd(text, s);
            if (e == s) {
                break;
            }
            String word = text.substring(s, e);
            String rest = stripElision(word);
            String lower = rest.toLowerCase(Locale.ROOT);
            if (!rest.isEmpty() && Character.isUpperCase(rest.charAt(0))) {
                end = e;
            } else if (rest.isEmpty() || PARTICLES.contains(lower)) {
                // particle: may precede a name
            } else {
                if (firstWordEnd < 0) {
                    firstWordEnd = e;
                }
                break;
            }
            k = e;
        }
        if (end < 0 && strongType) {
            return firstWordEnd;
        }
        return end;
    }

    /** Extends an address over a following postcode and town: ", 79000 Niort". */
    private static int postcodeTownEnd(String text, int end) {
        int k = end;
        while (k < text.length() && (NumberRuns.isSpace(text.charAt(k)) || text.charAt(k) == ',')) {
            k++;
        }
        Matcher m = POSTCODE_TOWN.matcher(text);
        m.region(k, text.length());
        m.useTransparentBounds(true);
        if (k > end && m.lookingAt() && !NOT_TOWNS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
            return m.end();
        }
        return end;
    }

    private static String replaceAll(Pattern pattern, String text, Counter counter, boolean town) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = null;
        int at = 0;
        while (m.find()) {
            if (town && NOT_TOWNS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, at, m.start()).append(PiiKind.ADDRESS.placeholder());
            counter.add(PiiKind.ADDRESS);
            at = m.end();
        }
        return out == null ? text : out.append(text, at, text.length()).toString();
    }

    /** "l'Église" → "Église", "d'Orléans" → "Orléans". */
    private static String stripElision(String word) {
        if (word.length() >= 2 && (word.charAt(1) == '\'' || word.charAt(1) == '’')) {
            char c = Character.toLowerCase(word.charAt(0));
            if (c == 'l' || c == 'd') {
                return word.substring(2);
            }
        }
        return word;
    }

    private static int skipSpaces(String text, int k) {
        while (k < text.length() && NumberRuns.isSpace(text.charAt(k))) {
            k++;
        }
        return k;
    }

    private static int wordEnd(String text, int s) {
        int e = s;
        while (e < text.length()) {
            char c = text.charAt(e);
            if (Character.isLetter(c) || (c == '\'' || c == '’' || c == '-') && e > s && e + 1 < text.length()
                    && Character.isLetter(text.charAt(e + 1))) {
                e++;
            } else {
                break;
            }
        }
        return e;
    }
}
