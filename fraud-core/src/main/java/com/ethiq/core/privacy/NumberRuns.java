package com.ethiq.core.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds runs of numbers (digit groups and number words separated by spaces, commas, hyphens) and decides what each
 * run is: a card number (Luhn), a French phone number, a code (4-8 digits), a long identifier (9+ digits), or an
 * ordinary number worth keeping (an amount, a quantity, a year, anything under 4 digits).
 */
final class NumberRuns {

    private static final Set<String> UNITS_AFTER = Set.of(
            "euro", "euros", "eur", "centime", "centimes", "cts", "dollar", "dollars", "usd", "balles", "franc", "francs",
            "livre", "livres", "pound", "pounds", "gbp", "pourcent", "percent",
            "an", "ans", "annee", "annees", "année", "années", "mois", "semaine", "semaines", "jour", "jours",
            "heure", "heures", "minute", "minutes", "min", "seconde", "secondes",
            "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
            "fois", "times", "km", "kilometres", "kilomètres", "kg", "kilos", "metres", "mètres");
    /** Words that announce an amount: "un virement de 7800", "le montant 1450", "on récupère 30000". */
    private static final Set<String> MONEY_CUES_BEFORE = Set.of(
            "virement", "virements", "montant", "somme", "total", "solde", "plafond", "prix", "coût", "cout", "coûte",
            "coute", "payer", "payé", "paye", "verser", "versé", "retirer", "retiré", "récupère", "récupérer",
            "rembourser", "remboursé", "transférer", "transfert", "amount", "pay", "paid", "transfer", "balance", "cost");
    private static final Set<String> FILLERS = Set.of("de", "d", "du", "des", "le", "la", "les", "à", "a", "of", "the");
    /** Words that announce a card's security code or a PIN: 3 digits after them are hidden too ("derrière 5 1 2"). */
    private static final Set<String> SECRET_CUES_BEFORE = Set.of("code", "codes", "cryptogramme", "crypto", "cvv", "cvc",
            "derrière", "dos", "pin", "secret", "confidentiel");
    private static final Set<String> SECRET_FILLERS = Set.of("c", "est", "ce", "le", "la", "l", "de", "du", "au", "il", "y",
            "a", "et", "mon", "ma", "votre", "son", "sa", "alors", "donc", "euh", "bon", "the", "is", "it", "s", "my", "your");
    private static final Set<String> YEAR_CUES = Set.of(
            "janvier", "fevrier", "février", "mars", "avril", "mai", "juin", "juillet", "aout", "août", "septembre",
            "octobre", "novembre", "decembre", "décembre", "january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december",
            "en", "depuis", "annee", "année", "in", "since");

    private enum Kind { DIGITS, WORD }

    /** One number in a run: a digit group, or a spoken number (one or two words). */
    private record Item(int start, int end, String digits, boolean quantity, boolean digitGroup) {
        int length() {
            return digits.length();
        }
    }

    /** Card lengths in the order we prefer them when several spans of one run pass Luhn (16 is by far the most common). */
    private static final int[] CARD_LENGTHS = {16, 15, 19, 13, 14, 18, 17};

    private record Token(Kind kind, int start, int end, String lower) {
    }

    private NumberRuns() {
    }

    static String redact(String text, Counter counter) {
        List<Token> tokens = tokenize(text);
        if (tokens.isEmpty()) {
            return text;
        }
        List<int[]> replacements = new ArrayList<>(); // start, end, kind ordinal
        List<Item> run = new ArrayList<>();
        Token previous = null;
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            NumberWords.Spoken spoken = t.kind == Kind.WORD ? NumberWords.parse(t.lower) : null;
            boolean isNumber = t.kind == Kind.DIGITS || spoken != null;
            if (!isNumber) {
                // "et"/"and" joins two number words of one run ("vingt et un"); anything else ends the run.
                if (!run.isEmpty() && NumberWords.isConnector(t.lower) && previous != null && previous.kind == Kind.WORD
                        && i + 1 < tokens.size() && tokens.get(i + 1).kind == Kind.WORD
                        && NumberWords.parse(tokens.get(i + 1).lower) != null
                        && gapJoins(text, previous, t) && gapJoins(text, t, tokens.get(i + 1))) {
                    previous = t;
                    i++;
                    continue;
                }
                flush(text, run, replacements);
                previous = null;
                i++;
                continue;
            }
            Item item = t.kind == Kind.DIGITS
                    ? new Item(t.start, t.end, text.substring(t.start, t.end), false, true)
                    : new Item(t.start, t.end, Long.toString(spoken.value()), spoken.quantity(), false);
            if (!run.isEmpty() && !(previous != null && joins(text, previous, t))) {
                flush(text, run, replacements);
            }
            // "vingt deux" / "soixante et onze" read as one number, like "vingt-deux".
            if (spoken != null && !run.isEmpty() && !run.get(run.size() - 1).digitGroup) {
                Item last = run.get(run.size() - 1);
                long lastValue = Long.parseLong(last.digits);
                NumberWords.Spoken lastSpoken = new NumberWords.Spoken(lastValue, last.quantity);
                long v = spoken.value();
                boolean completes = lastSpoken.isTens() && !spoken.quantity()
                        && (v >= 1 && v <= 9 || (lastValue == 60 || lastValue == 80) && v >= 10 && v <= 19);
                if (completes) {
                    run.set(run.size() - 1, new Item(last.start, t.end, Long.toString(lastValue + v), false, false));
                    previous = t;
                    i++;
                    continue;
                }
            }
            run.add(item);
            previous = t;
            i++;
        }
        flush(text, run, replacements);
        if (replacements.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (int[] r : replacements) {
            out.append(text, at, r[0]);
            PiiKind kind = PiiKind.values()[r[2]];
            out.append(kind.placeholder());
            counter.add(kind);
            at = r[1];
        }
        out.append(text, at, text.length());
        return out.toString();
    }

    /** Whether two adjacent number tokens belong to the same run. */
    private static boolean joins(String text, Token a, Token b) {
        // "un" next to digits is the article ("un 06 qui termine par..."), not the digit one.
        if (a.kind == Kind.WORD && b.kind == Kind.DIGITS && isArticle(a.lower)
                || a.kind == Kind.DIGITS && b.kind == Kind.WORD && isArticle(b.lower)) {
            return false;
        }
        if (a.kind == Kind.DIGITS && b.kind == Kind.DIGITS && b.start - a.end == 1 && text.charAt(a.end) == '.') {
            return true; // 06.12.34.56.78
        }
        return gapJoins(text, a, b);
    }

    private static boolean isArticle(String lower) {
        return lower.equals("un") || lower.equals("one");
    }

    /** The text between two tokens is blank with at most one comma or hyphen: "4 8 2 9", "4, 8, 2", "4970-1012". */
    private static boolean gapJoins(String text, Token a, Token b) {
        int punctuation = 0;
        if (b.start - a.end > 4) {
            return false;
        }
        for (int k = a.end; k < b.start; k++) {
            char c = text.charAt(k);
            if (c == ',' || c == '-' || c == '\u2013') {
                if (++punctuation > 1) {
                    return false;
                }
            } else if (!isSpace(c)) {
                return false;
            }
        }
        return true;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u00a0' || c == '\u202f';
    }

    private static void flush(String text, List<Item> run, List<int[]> replacements) {
        if (!run.isEmpty()) {
            classify(text, run, 0, run.size(), replacements);
            run.clear();
        }
    }

    private static void classify(String text, List<Item> run, int from, int to, List<int[]> out) {
        if (from >= to) {
            return;
        }
        int total = 0;
        int written = 0;
        boolean longGroup = false;
        boolean quantity = false;
        for (int k = from; k < to; k++) {
            Item it = run.get(k);
            total += it.length();
            written += it.digitGroup ? it.length() : 0;
            longGroup |= it.digitGroup && it.length() >= 9;
            quantity |= it.quantity;
        }
        if (total >= 13 && cardSpan(text, run, from, to, out)) {
            return;
        }
        if (total >= 10 && phoneSpan(text, run, from, to, out)) {
            return;
        }
        int start = run.get(from).start;
        int end = run.get(to - 1).end;
        if (!longGroup) {
            if (total == 3 && !quantity && secretCueBefore(text, start) && !amountAround(text, start, end)) {
                out.add(new int[] {start, end, PiiKind.CODE.ordinal()});
                return;
            }
            // "quatre mille", "2 mille", "1,5 million": a quantity, unless digits were written around the multiplier
            if (total < 4 || quantity && written <= 3) {
                return;
            }
            if (looksLikeAmount(text, run, from, to) && (amountAround(text, start, end) || moneyCueBefore(text, start))) {
                return;
            }
            if (to - from == 1 && total == 4 && run.get(from).digitGroup && isYear(run.get(from).digits)
                    && yearCueBefore(text, start)) {
                return;
            }
        }
        out.add(new int[] {start, end, (total >= 9 ? PiiKind.NUMBER : PiiKind.CODE).ordinal()});
    }

    /** Finds a span of whole groups that is a card number (Luhn), preferring common lengths, then the earliest. */
    private static boolean cardSpan(String text, List<Item> run, int from, int to, List<int[]> out) {
        for (int wanted : CARD_LENGTHS) {
            for (int a = from; a < to; a++) {
                int b = spanEnd(run, a, to, wanted);
                if (b >= 0 && Checksums.luhn(concat(run, a, b + 1))) {
                    split(text, run, from, to, a, b, PiiKind.CARD, out);
                    return true;
                }
            }
        }
        return false;
    }

    /** Finds a span of whole groups reading as a French number: ten digits, 0 then 1-9 ("06 12 34 56 78"). */
    private static boolean phoneSpan(String text, List<Item> run, int from, int to, List<int[]> out) {
        for (int a = from; a < to; a++) {
            int b = spanEnd(run, a, to, 10);
            if (b >= 0) {
                String digits = concat(run, a, b + 1);
                if (digits.charAt(0) == '0' && digits.charAt(1) != '0') {
                    split(text, run, from, to, a, b, PiiKind.PHONE, out);
                    return true;
                }
            }
        }
        return false;
    }

    /** The last group of the span starting at {@code a} that holds exactly {@code digits} digits, or -1. */
    private static int spanEnd(List<Item> run, int a, int to, int digits) {
        int count = 0;
        for (int b = a; b < to; b++) {
            count += run.get(b).length();
            if (count == digits) {
                return b;
            }
            if (count > digits) {
                return -1;
            }
        }
        return -1;
    }

    /** Replaces groups a..b and classifies what is left on each side as runs of their own. */
    private static void split(String text, List<Item> run, int from, int to, int a, int b, PiiKind kind, List<int[]> out) {
        classify(text, run, from, a, out);
        out.add(new int[] {run.get(a).start, run.get(b).end, kind.ordinal()});
        classify(text, run, b + 1, to, out);
    }

    /**
     * Whether a run is shaped like an amount: one spoken number, one digit group, or thousands groups ("1 450 000"),
     * optionally with a decimal part glued by a comma or dot ("12,50"). "06 12 34 56 78" is not.
     */
    private static boolean looksLikeAmount(String text, List<Item> run, int from, int to) {
        int integerDigits = 0;
        boolean words = true;
        for (int k = from; k < to; k++) {
            words &= !run.get(k).digitGroup;
        }
        if (words) {
            return to - from == 1; // "quatre huit deux neuf" is dictated digits, not an amount
        }
        int last = to - 1;
        if (last > from) {
            Item decimals = run.get(last);
            Item before = run.get(last - 1);
            char glue = text.charAt(before.end);
            if (decimals.start == before.end + 1 && (glue == ',' || glue == '.') && decimals.length() <= 2) {
                last--;
            }
        }
        for (int k = from; k <= last; k++) {
            Item it = run.get(k);
            if (!it.digitGroup) {
                return false;
            }
            if (k == from) {
                // amounts do not start with 0 ("025 013" is not one), except "0,50"
                if (it.length() > (last == from ? 7 : 3) || it.digits.charAt(0) == '0' && it.length() > 1) {
                    return false;
                }
            } else if (it.length() != 3 || !thousandsSeparator(text, run.get(k - 1).end, it.start)) {
                return false;
            }
            integerDigits += it.length();
        }
        return integerDigits <= 9;
    }

    /** "1 450 000", "1.450.000": one space (any width) or one dot; not a hyphen or a comma. */
    private static boolean thousandsSeparator(String text, int end, int start) {
        return start - end == 1 && (isSpace(text.charAt(end)) || text.charAt(end) == '.');
    }

    private static String concat(List<Item> run, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < to; k++) {
            sb.append(run.get(k).digits);
        }
        return sb.toString();
    }

    private static boolean isYear(String digits) {
        int y = Integer.parseInt(digits);
        return y >= 1900 && y <= 2099;
    }

    /** An amount or a measured quantity: a currency or unit right after ("1450 euros", "24 heures") or a symbol before. */
    private static boolean amountAround(String text, int start, int end) {
        int k = end;
        while (k < text.length() && isSpace(text.charAt(k))) {
            k++;
        }
        if (k < text.length()) {
            char c = text.charAt(k);
            if (c == '\u20ac' || c == '$' || c == '\u00a3' || c == '%') {
                return true;
            }
            String word = wordAt(text, k);
            if (!word.isEmpty() && UNITS_AFTER.contains(word)) {
                return true;
            }
        }
        int b = start - 1;
        while (b >= 0 && isSpace(text.charAt(b))) {
            b--;
        }
        return b >= 0 && (text.charAt(b) == '\u20ac' || text.charAt(b) == '$' || text.charAt(b) == '\u00a3');
    }

    /** A money word right before the run, possibly across one filler ("virement de", "amount of"). */
    private static boolean moneyCueBefore(String text, int start) {
        int end = start;
        for (int words = 0; words < 2; words++) {
            int wordStart = wordStartBefore(text, end);
            if (wordStart < 0) {
                return false;
            }
            String lower = text.substring(wordStart, wordEndAfter(text, wordStart)).toLowerCase(Locale.ROOT);
            if (MONEY_CUES_BEFORE.contains(lower)) {
                return true;
            }
            if (!FILLERS.contains(lower)) {
                return false;
            }
            end = wordStart;
        }
        return false;
    }

    /** "le cryptogramme c'est 512", "et derrière 5 1 2": a secret-code word within the few words before. */
    private static boolean secretCueBefore(String text, int start) {
        int end = start;
        for (int words = 0; words < 5; words++) {
            int wordStart = wordStartBefore(text, end);
            if (wordStart < 0) {
                return false;
            }
            String lower = text.substring(wordStart, wordEndAfter(text, wordStart)).toLowerCase(Locale.ROOT);
            if (SECRET_CUES_BEFORE.contains(lower)) {
                return true;
            }
            if (!SECRET_FILLERS.contains(lower)) {
                return false;
            }
            end = wordStart;
        }
        return false;
    }

    /** Start of the word ending just before {@code end} (spaces and one apostrophe may lie between), or -1. */
    private static int wordStartBefore(String text, int end) {
        int e = end - 1;
        while (e >= 0 && (isSpace(text.charAt(e)) || text.charAt(e) == '\'' || text.charAt(e) == '\u2019')) {
            e--;
        }
        int s = e;
        while (s >= 0 && Character.isLetter(text.charAt(s))) {
            s--;
        }
        // a placeholder ends with ']', so "[CODE] et 512" finds no word before "et", as "4829 et 512" did
        return e > s ? s + 1 : -1;
    }

    private static int wordEndAfter(String text, int start) {
        int e = start;
        while (e < text.length() && Character.isLetter(text.charAt(e))) {
            e++;
        }
        return e;
    }

    private static boolean yearCueBefore(String text, int start) {
        int e = start - 1;
        while (e >= 0 && isSpace(text.charAt(e))) {
            e--;
        }
        int s = e;
        while (s >= 0 && Character.isLetter(text.charAt(s))) {
            s--;
        }
        return e > s && YEAR_CUES.contains(text.substring(s + 1, e + 1).toLowerCase(Locale.ROOT));
    }

    private static String wordAt(String text, int k) {
        int e = k;
        while (e < text.length() && Character.isLetter(text.charAt(e))) {
            e++;
        }
        return text.substring(k, e).toLowerCase(Locale.ROOT);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Digit groups (ASCII digits) and words (letters, inner hyphens); everything else separates. */
    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int n = text.length();
        int k = 0;
        while (k < n) {
            char c = text.charAt(k);
            if (isDigit(c)) {
                int e = k + 1;
                while (e < n && isDigit(text.charAt(e))) {
                    e++;
                }
                tokens.add(new Token(Kind.DIGITS, k, e, null));
                k = e;
            } else if (Character.isLetter(c)) {
                int e = k + 1;
                while (e < n) {
                    char d = text.charAt(e);
                    if (Character.isLetter(d)) {
                        e++;
                    } else if (d == '-' && e + 1 < n && Character.isLetter(text.charAt(e + 1))) {
                        e += 2;
                    } else {
                        break;
                    }
                }
                tokens.add(new Token(Kind.WORD, k, e, text.substring(k, e).toLowerCase(Locale.ROOT)));
                k = e;
            } else {
                k++;
            }
        }
        return tokens;
    }
}
