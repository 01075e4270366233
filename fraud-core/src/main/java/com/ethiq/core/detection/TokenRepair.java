package com.ethiq.core.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Undoes the word splits and merges of a telephone recogniser before matching, using what the pack knows: two
 * tokens are joined when one of them is no pack word and together they are one ("con firmer" → "confirmer",
 * "en voyer" → "envoyer"); a token that is no pack word is split after or before a clitic of the pack
 * ({@code @clitic}: short words recognisers glue to their neighbour) when the rest is a pack word or a clitic
 * ("vouscompletez" → "vous completez", "mele" → "me le", "eurossur" → "euros sur"). Only ever changes tokens that
 * no rule could match as they are. Immutable and thread-safe.
 */
final class TokenRepair {

    /** A joined token shorter than this is more likely two real words ("a la", "en on"). */
    static final int MIN_JOINED = 6;
    /** Tokens shorter than this are not split. */
    static final int MIN_SPLIT = 4;

    private final Lexicon lexicon;
    private final String[] clitics; // longest first: "vous" before "v"
    private final Set<String> cliticSet;

    TokenRepair(Lexicon lexicon, Set<String> clitics) {
        this.lexicon = lexicon;
        this.cliticSet = Set.copyOf(clitics);
        this.clitics = clitics.stream().sorted((a, b) -> b.length() - a.length()).toArray(String[]::new);
    }

    /** The repaired tokens ({@code tokens} itself when nothing changed). */
    String[] apply(String[] tokens) {
        Lexicon.Token[] looked = new Lexicon.Token[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            looked[i] = lexicon.token(tokens[i]);
        }
        return apply(tokens, looked);
    }

    /**
     * The repaired tokens ({@code tokens} itself when nothing changed), given each token looked up in the lexicon
     * (once, by the caller, who reuses the term ids when nothing changed).
     */
    String[] apply(String[] tokens, Lexicon.Token[] looked) {
        List<String> out = null;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            boolean known = looked[i].known();
            String joined = i + 1 < tokens.length ? join(t, looked[i], tokens[i + 1], looked[i + 1].known()) : null;
            String[] split = joined == null && !known ? split(t) : null;
            if (joined == null && split == null) {
                if (out != null) {
                    out.add(t);
                }
                continue;
            }
            if (out == null) {
                out = new ArrayList<>(tokens.length + 2);
                for (int k = 0; k < i; k++) {
                    out.add(tokens[k]);
                }
            }
            if (joined != null) {
                out.add(joined);
                i++;
            } else {
                out.add(split[0]);
                out.add(split[1]);
            }
        }
        return out == null ? tokens : out.toArray(String[]::new);
    }

    private String join(String a, Lexicon.Token lookedA, String b, boolean knownB) {
        // a token whose characters leave the pack's trie starts no join (spells says so): tested before the scans
        if (a.length() + b.length() < MIN_JOINED || (lookedA.known() && knownB) || (!lookedA.inTrie() && !b.isEmpty())
                || !letters(a) || !letters(b)) {
            return null;
        }
        return lexicon.spells(lookedA, b) ? a + b : null;
    }

    /** Memo of {@link #trySplit} (a pure function of the token), bounded like the lexicon's. */
    private final java.util.concurrent.ConcurrentHashMap<String, String[]> splits = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String[] NO_SPLIT = new String[0];
    private static final int SPLIT_MEMO_LIMIT = 100_000;

    /** {@code t} is no pack word (the caller checked). */
    private String[] split(String t) {
        if (t.length() < MIN_SPLIT) {
            return null;
        }
        String[] s = splits.get(t);
        if (s == null) {
            s = trySplit(t);
            if (s == null) {
                s = NO_SPLIT;
            }
            if (splits.size() < SPLIT_MEMO_LIMIT) {
                splits.putIfAbsent(t, s);
            }
        }
        return s == NO_SPLIT ? null : s;
    }

    private String[] trySplit(String t) {
        if (!letters(t)) {
            return null;
        }
        // candidates are tested on the trie only (no memo): junk pieces must not crowd out real words
        for (String c : clitics) {
            if (t.length() - c.length() >= 2 && t.startsWith(c)) {
                String rest = t.substring(c.length());
                if (cliticSet.contains(rest) || lexicon.spells(rest, "")) {
                    return new String[] {c, rest};
                }
            }
        }
        for (String c : clitics) {
            if (t.length() - c.length() >= 3 && t.endsWith(c)) {
                String rest = t.substring(0, t.length() - c.length());
                if (lexicon.spells(rest, "")) {
                    return new String[] {rest, c};
                }
            }
        }
        return null;
    }

    private static boolean letters(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return !t.isEmpty();
    }
}
