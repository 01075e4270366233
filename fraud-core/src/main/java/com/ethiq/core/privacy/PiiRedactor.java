package com.ethiq.core.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in transcript text with typed placeholders ({@code [CARTE]}, {@code [IBAN]}, {@code [CODE]},
 * {@code [TELEPHONE]}, {@code [EMAIL]}, {@code [ADRESSE]}, {@code [NUMERO]}, {@code [NOM]}) before the text leaves
 * the process or is shown. Amounts, quantities, ages and years stay readable ("1450 euros", "24 heures").
 * Idempotent: {@code redact(redact(x)).equals(redact(x))}; no run of 9 or more digits survives. Brackets count as
 * word characters at the edges of a match so that a placeholder next to a value behaves like the word it replaced.
 * Immutable and thread-safe.
 */
public final class PiiRedactor {

    private static final PiiRedactor STANDARD = new PiiRedactor(null);

    private static final String SEP = "[\\s.\\-\\u00a0\\u202f]";
    /** International numbers: +33 6 12 34 56 78, +33 (0)6..., 0033 6..., +44 20 7946 0958. */
    private static final Pattern INTERNATIONAL_PHONE = Pattern.compile(
            "(?<![\\p{L}\\d+\\]])(?:\\+\\s?|00)[1-9]\\d{0,2}(?:" + SEP + "?\\(0\\))?(?:" + SEP + "?\\d){6,13}(?!\\d)");
    private static final Pattern WRITTEN_EMAIL = Pattern.compile(
            "[\\p{L}\\d._%+-]+\\s?@\\s?[\\p{L}\\d-]+(?:\\.[\\p{L}\\d-]+)*\\.\\p{L}{2,}");
    /** "jean point dupont arobase orange point fr" as speech recognition writes it. */
    private static final Pattern SPOKEN_EMAIL = Pattern.compile(
            "(?<![\\p{L}\\d\\]])[\\p{L}\\d_%+-]+(?:(?:\\.|\\s+(?:point|dot)\\s+)[\\p{L}\\d_%+-]+)*"
                    + "\\s+(?:arobase|arrobase|at)\\s+[\\p{L}\\d-]+(?:(?:\\.|\\s+(?:point|dot)\\s+)[\\p{L}\\d-]+)*?"
                    + "(?:\\.|\\s+(?:point|dot)\\s+)(?:com|fr|net|org|eu|be|ch|io|info|biz|co|uk|de|es|it)(?![\\p{L}\\d\\[])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Start of an IBAN: country code and check digits; the rest is read by hand and checked with mod 97. */
    private static final Pattern IBAN_START = Pattern.compile("(?<![\\p{L}\\d\\]])([A-Za-z]{2})[ \\u00a0]?(\\d{2})");

    private final Pattern names;

    private PiiRedactor(Pattern names) {
        this.names = names;
    }

    /** The standard rules (no names). */
    public static PiiRedactor standard() {
        return STANDARD;
    }

    /**
     * The standard rules plus these names (the protected person's, their relatives'), matched as whole words
     * regardless of case and replaced with {@code [NOM]}. Names shorter than 3 characters are ignored.
     */
    public PiiRedactor withNames(Collection<String> names) {
        Objects.requireNonNull(names, "'names' must not be null");
        List<String> usable = new ArrayList<>();
        for (String n : names) {
            if (n != null && n.strip().length() >= 3) {
                usable.add(n.strip());
            }
        }
        if (usable.isEmpty()) {
            return this;
        }
        usable.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder alternatives = new StringBuilder();
        for (String n : usable) {
            if (alternatives.length() > 0) {
                alternatives.append('|');
            }
            alternatives.append(Pattern.quote(n).replace(" ", "\\E\\s+\\Q"));
        }
        return new PiiRedactor(Pattern.compile("(?<![\\p{L}\\d\\]])(?:" + alternatives + ")(?![\\p{L}\\d\\[])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /** The text with personal data replaced. */
    public String redact(String text) {
        return redactCounting(text).text();
    }

    /** The text with personal data replaced, and how many values of each kind were found. */
    public Redaction redactCounting(String text) {
        Objects.requireNonNull(text, "'text' must not be null");
        Counter counter = new Counter();
        String out = text;
        // cheap scans first: most turns hold no digit and no e-mail, and skip the costlier patterns
        if (out.indexOf('@') >= 0) {
            out = replace(WRITTEN_EMAIL, out, PiiKind.EMAIL, counter);
        }
        if (mentionsSpokenAt(out)) {
            out = replace(SPOKEN_EMAIL, out, PiiKind.EMAIL, counter);
        }
        if (hasDigit(out)) {
            // IBANs before phones: "DE89 3704 0044 ..." holds "0044", which reads like an international prefix.
            out = redactIbans(out, counter);
            out = replace(INTERNATIONAL_PHONE, out, PiiKind.PHONE, counter);
            out = Addresses.redact(out, counter);
        }
        out = NumberRuns.redact(out, counter);
        if (names != null) {
            out = replace(names, out, PiiKind.NAME, counter);
        }
        return new Redaction(out, counter.counts());
    }

    private static String replace(Pattern pattern, String text, PiiKind kind, Counter counter) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        do {
            out.append(text, at, m.start()).append(kind.placeholder());
            counter.add(kind);
            at = m.end();
        } while (m.find());
        return out.append(text, at, text.length()).toString();
    }

    /**
     * IBANs, written or dictated with spaces or dashes: after the country code and check digits, collect up to 30
     * letters and digits and keep the longest prefix whose length fits the country and whose mod-97 check holds.
     */
    private static String redactIbans(String text, Counter counter) {
        Matcher m = IBAN_START.matcher(text);
        StringBuilder out = null;
        int at = 0;
        int from = 0;
        StringBuilder bban = new StringBuilder(30);
        int[] ends = new int[30];
        while (from < text.length() && m.find(from)) {
            String country = m.group(1).toUpperCase(Locale.ROOT);
            String check = m.group(2);
            if (!Checksums.isIbanCountry(country)) {
                from = m.start() + 1;
                continue;
            }
            bban.setLength(0);
            int k = m.end();
            while (k < text.length() && bban.length() < 30) {
                char c = text.charAt(k);
                if (isAsciiAlnum(c)) {
                    bban.append(Character.toUpperCase(c));
                    ends[bban.length() - 1] = k + 1;
                    k++;
                } else if ((c == ' ' || c == '-' || c == '\u00a0') && k + 1 < text.length()
                        && isAsciiAlnum(text.charAt(k + 1))) {
                    k++;
                } else {
                    break;
                }
            }
            int found = -1;
            for (int len = bban.length(); len >= 11; len--) {
                if (Checksums.ibanLengthFits(country, 4 + len) && endsAtBoundary(text, ends[len - 1])
                        && mostlyDigits(bban, len) && Checksums.ibanValid(country, check, bban.subSequence(0, len))) {
                    found = len;
                    break;
                }
            }
            if (found < 0) {
                from = m.start() + 1;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, at, m.start()).append(PiiKind.IBAN.placeholder());
            counter.add(PiiKind.IBAN);
            at = ends[found - 1];
            from = at;
        }
        return out == null ? text : out.append(text, at, text.length()).toString();
    }

    /** An IBAN does not end inside a word ("...Tilleul|s"). */
    private static boolean endsAtBoundary(String text, int end) {
        return end >= text.length() || !Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) != '[';
    }

    /** Real BBANs are mostly digits (a few letters at most: bank codes, account letters); words are not. */
    private static boolean mostlyDigits(CharSequence bban, int len) {
        int digits = 0;
        for (int i = 0; i < len; i++) {
            char c = bban.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        return digits * 3 >= len * 2;
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** "arobase", "arrobase" or the English " at ", in any case. */
    private static boolean mentionsSpokenAt(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("robase") || lower.contains(" at ");
    }

    private static boolean isAsciiAlnum(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
