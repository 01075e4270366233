package com.ethiq.core.detection;

import com.ethiq.core.domain.Language;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns speech-recogniser text into comparable tokens: lower case, no accents, no punctuation, French elisions
 * expanded ({@code l'argent} becomes {@code le argent}), English negative contractions expanded
 * ({@code don't} becomes {@code do not}), spelled letters joined ({@code c p f} becomes {@code cpf}), filler words
 * dropped, number words turned into digits ({@code quatre huit deux} becomes {@code 4 8 2}, {@code mille huit cent}
 * becomes {@code 1800}), recognition variants mapped to one canonical token ({@code ane idesk} becomes
 * {@code anydesk}) and stuttered repeats collapsed. Immutable and thread-safe.
 */
final class TextNormalizer {

    private static final Map<String, String> FRENCH_ELISIONS = Map.ofEntries(
            Map.entry("l", "le"), Map.entry("d", "de"), Map.entry("j", "je"), Map.entry("m", "me"),
            Map.entry("t", "te"), Map.entry("s", "se"), Map.entry("n", "ne"), Map.entry("c", "ce"),
            Map.entry("qu", "que"), Map.entry("jusqu", "jusque"), Map.entry("lorsqu", "lorsque"),
            Map.entry("puisqu", "puisque"), Map.entry("quoiqu", "quoique"), Map.entry("presqu", "presque"));

    /** Sequences of single letters that are ordinary French words, not spelling. */
    private static final Set<String> NOT_SPELLING = Set.of("nya", "jya", "lya", "ya");

    /** Keeps a filler such as "bon" when it is a noun: "bon de commande", "bon d'achat", "bon pour accord". */
    private static final Set<String> KEEPS_FILLER_BEFORE = Set.of("de", "du", "des", "pour");

    private final Language language;
    private final Set<String> fillers;
    /** First token of a variant to its variants (longest first) and their canonical token. */
    private final Map<String, List<Variant>> canon;
    private final NumberWords numbers;
    /**
     * What each special token can trigger (bits {@link #FILLER}, {@link #NUMBER}, {@link #CANON}, {@link #THOUSANDS}):
     * one lookup per token tells which passes have work to do, instead of one scan per pass.
     */
    private final Map<String, Integer> kinds;
    /** True when some variant starts with digits (a number pass may then create a variant's first token). */
    private final boolean digitCanonHead;

    private static final int FILLER = 1;
    private static final int NUMBER = 2;
    private static final int CANON = 4;
    private static final int THOUSANDS = 8;

    /** Per-thread token buffers, reused across calls (the passes read one and write the other). */
    private static final class Buffers {
        final List<String> raw = new ArrayList<>(64);
        String[] a = new String[64];
        String[] b = new String[64];
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    record Variant(String[] tokens, String canonical) {
    }

    TextNormalizer(Language language, Set<String> fillers, Map<String, List<Variant>> canon) {
        this.language = language;
        this.fillers = java.util.Collections.unmodifiableSet(new java.util.HashSet<>(fillers));
        Map<String, List<Variant>> copy = new HashMap<>();
        canon.forEach((k, v) -> {
            List<Variant> sorted = new ArrayList<>(v);
            sorted.sort((a, b) -> Integer.compare(b.tokens.length, a.tokens.length));
            copy.put(k, List.copyOf(sorted));
        });
        this.canon = java.util.Collections.unmodifiableMap(copy);
        this.numbers = language == Language.FRENCH ? NumberWords.FRENCH : NumberWords.ENGLISH;
        Map<String, Integer> k = new HashMap<>();
        for (String f : this.fillers) {
            k.merge(f, FILLER, (x, y) -> x | y);
        }
        for (String head : this.canon.keySet()) {
            k.merge(head, CANON, (x, y) -> x | y);
        }
        for (String w : numbers.vocabulary()) {
            k.merge(w, NUMBER, (x, y) -> x | y);
        }
        k.merge("000", THOUSANDS, (x, y) -> x | y);
        this.kinds = k; // a HashMap: faster to probe than Map.copyOf's table on this hot path; never modified
        this.digitCanonHead = this.canon.keySet().stream().anyMatch(TextNormalizer::isDigits);
    }

    /** A normaliser with no fillers and no variants (for tests and pattern words). */
    static TextNormalizer plain(Language language) {
        return new TextNormalizer(language, Set.of(), Map.of());
    }

    Language language() {
        return language;
    }

    /**
     * Normalises {@code text} into tokens (never null, possibly empty). The passes run over two reused per-thread
     * arrays (each reads one and writes the other; none makes a turn longer), and a pass runs only when one lookup
     * per token found something for it to do.
     */
    String[] tokens(String text) {
        Buffers buf = BUFFERS.get();
        List<String> raw = buf.raw;
        raw.clear();
        rawTokens(text, raw);
        int n = raw.size();
        if (buf.a.length < n) {
            buf.a = new String[Math.max(n, buf.a.length * 2)];
            buf.b = new String[buf.a.length];
        }
        String[] in = raw.toArray(buf.a);
        String[] out = buf.b;
        raw.clear();
        int mask = kindsOf(in, 0, n);
        int m = joinSpelledLetters(in, n, out);
        if (m >= 0) {
            String[] t = in; in = out; out = t; n = m;
            mask = kindsOf(in, 0, n); // a joined spelling may be a filler or a variant ("b e n", "c p f")
        }
        if (language == Language.FRENCH) {
            mask |= expandBareElisions(in, n);
        }
        if ((mask & FILLER) != 0) {
            m = dropFillers(in, n, out);
            String[] t = in; in = out; out = t; n = m;
        }
        if ((mask & NUMBER) != 0) {
            m = numbers.convert(in, n, out);
            if (m >= 0) {
                String[] t = in; in = out; out = t; n = m;
                if (digitCanonHead) {
                    mask |= kindsOf(in, 0, n);
                }
            }
        }
        if ((mask & THOUSANDS) != 0) {
            m = joinThousands(in, n, out);
            String[] t = in; in = out; out = t; n = m;
            if (digitCanonHead) {
                mask |= kindsOf(in, 0, n);
            }
        }
        if ((mask & CANON) != 0) {
            m = applyCanon(in, n, out);
            String[] t = in; in = out; out = t; n = m;
        }
        String[] result = collapseRepeats(in, n);
        return result;
    }

    private int kindsOf(String[] tokens, int from, int to) {
        int mask = 0;
        for (int i = from; i < to; i++) {
            Integer k = kinds.get(tokens[i]);
            if (k != null) {
                mask |= k;
            }
        }
        return mask;
    }

    /** Lower-cases and strips the accent of one character; returns 0 for characters that separate tokens. */
    static char fold(char c) {
        if (c < 128) {
            if (c >= 'A' && c <= 'Z') {
                return (char) (c + 32);
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                return c;
            }
            return 0;
        }
        if ((c >= '\u2000' && c <= '\u206f') || (c >= '\u20a0' && c <= '\u20cf')
                || c == '\u00a0' || c == '\u00ab' || c == '\u00bb') {
            return 0; // spaces, dashes, quotes, currency signs: no letter or digit there, skip the Unicode tables
        }
        switch (c) {
            case 'à': case 'â': case 'ä': case 'á': case 'ã': case 'å': case 'À': case 'Â': case 'Ä': case 'Á': case 'Ã': case 'Å':
                return 'a';
            case 'é': case 'è': case 'ê': case 'ë': case 'É': case 'È': case 'Ê': case 'Ë':
                return 'e';
            case 'î': case 'ï': case 'í': case 'ì': case 'Î': case 'Ï': case 'Í': case 'Ì':
                return 'i';
            case 'ô': case 'ö': case 'ó': case 'ò': case 'õ': case 'Ô': case 'Ö': case 'Ó': case 'Ò': case 'Õ':
                return 'o';
            case 'ù': case 'û': case 'ü': case 'ú': case 'Ù': case 'Û': case 'Ü': case 'Ú':
                return 'u';
            case 'ç': case 'Ç':
                return 'c';
            case 'ÿ': case 'Ÿ': case 'ý': case 'Ý':
                return 'y';
            case 'ñ': case 'Ñ':
                return 'n';
            default:
                break;
        }
        if (Character.isLetter(c)) {
            String decomposed = java.text.Normalizer.normalize(String.valueOf(c), java.text.Normalizer.Form.NFD);
            char base = Character.toLowerCase(decomposed.charAt(0));
            return base < 128 && Character.isLetterOrDigit(base) ? base : Character.toLowerCase(c);
        }
        if (Character.isDigit(c)) {
            int v = Character.digit(c, 10);
            return v >= 0 ? (char) ('0' + v) : 0;
        }
        return 0;
    }

    /** {@link Character#isLetter(char)} without the Unicode tables for ASCII (most of a transcript). */
    private static boolean isLetter(char c) {
        if (c < 128) {
            char lower = (char) (c | 0x20);
            return lower >= 'a' && lower <= 'z';
        }
        return Character.isLetter(c);
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '\u2018' || c == '`' || c == '\u02bc' || c == '\u00b4';
    }

    private void rawTokens(String text, List<String> out) {
        StringBuilder cur = new StringBuilder(16);
        int curType = 0; // 1 letters, 2 digits
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == 'œ' || c == 'Œ' || c == 'æ' || c == 'Æ') {
                if (curType == 2) {
                    flush(cur, out);
                }
                cur.append(c == 'œ' || c == 'Œ' ? "oe" : "ae");
                curType = 1;
                continue;
            }
            if (c == 'ß') {
                if (curType == 2) {
                    flush(cur, out);
                }
                cur.append("ss");
                curType = 1;
                continue;
            }
            if (isApostrophe(c) && curType == 1 && i + 1 < n && isLetter(text.charAt(i + 1))) {
                String before = cur.toString();
                cur.setLength(0);
                curType = 0;
                i = apostrophe(before, text, i, out);
                continue;
            }
            if (language == Language.ENGLISH && c == ',' && curType == 2 && i + 1 < n && Character.isDigit(text.charAt(i + 1))) {
                continue; // 1,537 is one number in English
            }
            if (c == '%') {
                flush(cur, out);
                curType = 0;
                out.add(language == Language.FRENCH ? "pourcent" : "percent");
                continue;
            }
            char f = fold(c);
            if (f == 0) {
                flush(cur, out);
                curType = 0;
                continue;
            }
            int type = f >= '0' && f <= '9' ? 2 : 1;
            if (curType != 0 && type != curType) {
                flush(cur, out);
            }
            cur.append(f);
            curType = type;
        }
        flush(cur, out);
    }

    /**
     * Handles the word before an apostrophe at {@code at}. Returns the index of the last character consumed: the
     * apostrophe itself, or the end of the following word when that word was consumed too.
     */
    private int apostrophe(String before, String text, int at, List<String> out) {
        int j = at + 1;
        while (j < text.length() && isLetter(text.charAt(j))) {
            j++;
        }
        String after = text.substring(at + 1, j).toLowerCase(Locale.ROOT);
        if (language == Language.FRENCH) {
            if (before.equals("aujourd") && after.equals("hui")) {
                out.add("aujourdhui");
                return j - 1;
            }
            String expanded = FRENCH_ELISIONS.get(before);
            out.add(expanded != null ? expanded : before);
            return at;
        }
        if (after.equals("t") && before.endsWith("n")) {
            switch (before) {
                case "won" -> out.add("will");
                case "can" -> out.add("can");
                case "ain" -> out.add("is");
                case "shan" -> out.add("shall");
                default -> out.add(before.substring(0, before.length() - 1));
            }
            out.add("not");
            return j - 1;
        }
        out.add(before);
        String full = switch (after) {
            case "s" -> "is";
            case "re" -> "are";
            case "m" -> "am";
            case "ll" -> "will";
            case "ve" -> "have";
            case "d" -> "would";
            default -> null;
        };
        if (full != null) {
            out.add(full);
            return j - 1;
        }
        return at;
    }

    private static void flush(StringBuilder cur, List<String> out) {
        if (cur.length() > 0) {
            out.add(cur.toString());
            cur.setLength(0);
        }
    }

    private static boolean isSingleLetter(String t) {
        return t.length() == 1 && t.charAt(0) >= 'a' && t.charAt(0) <= 'z';
    }

    /** Joins runs of three single letters or more into one token; -1 (nothing written) when there is none. */
    private static int joinSpelledLetters(String[] in, int n, String[] out) {
        int run = 0;
        int longest = 0;
        for (int i = 0; i < n; i++) {
            run = isSingleLetter(in[i]) ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        if (longest < 3) {
            return -1;
        }
        int w = 0;
        int i = 0;
        while (i < n) {
            if (isSingleLetter(in[i])) {
                int j = i;
                StringBuilder sb = new StringBuilder();
                while (j < n && isSingleLetter(in[j])) {
                    sb.append(in[j]);
                    j++;
                }
                if (j - i >= 3 && !NOT_SPELLING.contains(sb.toString())) {
                    out[w++] = sb.toString();
                } else {
                    for (int k = i; k < j; k++) {
                        out[w++] = in[k];
                    }
                }
                i = j;
            } else {
                out[w++] = in[i];
                i++;
            }
        }
        return w;
    }

    /** "j ai", "n en", "c est" written without apostrophe by the recogniser; returns the kinds of the new tokens. */
    private int expandBareElisions(String[] tokens, int n) {
        int mask = 0;
        for (int i = 0; i + 1 < n; i++) {
            String t = tokens[i];
            if ((t.length() == 1 || t.equals("qu")) && FRENCH_ELISIONS.containsKey(t)) {
                String next = tokens[i + 1];
                char c = next.charAt(0);
                if ("aeiouyh".indexOf(c) >= 0) {
                    tokens[i] = FRENCH_ELISIONS.get(t);
                    Integer k = kinds.get(tokens[i]);
                    mask |= k == null ? 0 : k;
                }
            }
        }
        return mask;
    }

    private int dropFillers(String[] in, int n, String[] out) {
        int w = 0;
        for (int i = 0; i < n; i++) {
            String t = in[i];
            if (fillers.contains(t) && !(i + 1 < n && KEEPS_FILLER_BEFORE.contains(in[i + 1]))) {
                continue;
            }
            out[w++] = t;
        }
        return w;
    }

    private int applyCanon(String[] in, int n, String[] out) {
        int w = 0;
        int i = 0;
        outer:
        while (i < n) {
            List<Variant> candidates = canon.get(in[i]);
            if (candidates != null) {
                for (Variant v : candidates) {
                    if (i + v.tokens.length <= n) {
                        boolean all = true;
                        for (int k = 1; k < v.tokens.length; k++) {
                            if (!v.tokens[k].equals(in[i + k])) {
                                all = false;
                                break;
                            }
                        }
                        if (all) {
                            out[w++] = v.canonical;
                            i += v.tokens.length;
                            continue outer;
                        }
                    }
                }
            }
            out[w++] = in[i];
            i++;
        }
        return w;
    }

    /** "72 000" and "1 450 000" are amounts written with thousands separators, not spoken codes. */
    private static int joinThousands(String[] in, int n, String[] out) {
        int w = 0;
        for (int i = 0; i < n; i++) {
            String t = in[i];
            if (w > 0 && t.equals("000")) {
                String prev = out[w - 1];
                if (isDigits(prev) && prev.length() <= 6 && !prev.startsWith("0")) {
                    out[w - 1] = prev + t;
                    continue;
                }
            }
            out[w++] = t;
        }
        return w;
    }

    private static boolean isDigits(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !t.isEmpty();
    }

    private static String[] collapseRepeats(String[] in, int count) {
        String[] out = new String[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            String t = in[i];
            if (n > 0 && out[n - 1].equals(t) && !isDigits(t) && t.length() > 1) {
                continue;
            }
            out[n++] = t;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    @Override
    public String toString() {
        return "TextNormalizer[" + language.code().toUpperCase(Locale.ROOT) + "]";
    }
}
