package com.ethiq.core.detection;

import com.ethiq.core.domain.Speaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compiled rules with their lexicon and an index from each required term to the rules that need it. A turn's
 * tokens are looked up once; a rule is a candidate only if one of its required terms occurs in the turn and every
 * word all its matches need occurs too; a candidate is tried only where one of its first words (or a number, for
 * rules that start with one) occurs, and not after the turn's last required term. Cues come out in the order of
 * a left-to-right scan. Immutable and thread-safe (matching uses per-thread scratch arrays, see {@link Program}).
 */
final class RuleSet {

    /** Words before a match that may negate it ("ne ... jamais", "never"). */
    private static final int NEGATION_LOOKBACK = 3;
    /** Words before a match that may mark it as reported speech. */
    private static final int REPORT_LOOKBACK = 4;

    private final Lexicon lexicon;
    private final CompiledRule[] rules;
    private final Set<String> negatorsBefore;
    private final Set<String> negatorsInside;
    private final Set<String> reporters;
    private final int maxProgram;
    /** Term to the rules that require it; rules with no required terms are always candidates. */
    private final int[][] byRequiredTerm;
    private final int[] alwaysCandidates;
    /** Splits and merges undone before matching; null for rule sets without clitics (tenant phrases). */
    private final TokenRepair repair;

    /**
     * @param negatorsBefore words that negate a match when they come just before it (French "ne", English "not")
     * @param negatorsInside words that negate a match when they are inside it ("pas", "jamais", "never")
     * @param reporters words that mark reported speech when they come shortly before a match ("ils demandent
     *                  le code": someone describing a scam, not asking)
     */
    RuleSet(Lexicon lexicon, List<CompiledRule> rules, Set<String> negatorsBefore, Set<String> negatorsInside,
            Set<String> reporters) {
        this(lexicon, rules, negatorsBefore, negatorsInside, reporters, Set.of());
    }

    /** @param clitics short words a recogniser glues to their neighbour ({@link TokenRepair}); empty: no repair */
    RuleSet(Lexicon lexicon, List<CompiledRule> rules, Set<String> negatorsBefore, Set<String> negatorsInside,
            Set<String> reporters, Set<String> clitics) {
        this.repair = clitics.isEmpty() ? null : new TokenRepair(lexicon, clitics);
        this.lexicon = lexicon;
        this.rules = rules.toArray(CompiledRule[]::new);
        this.negatorsBefore = Set.copyOf(negatorsBefore);
        this.negatorsInside = Set.copyOf(negatorsInside);
        this.reporters = Set.copyOf(reporters);
        int longest = 1;
        for (CompiledRule rule : this.rules) {
            longest = Math.max(longest, rule.program().length());
        }
        maxProgram = longest;
        List<List<Integer>> required = new ArrayList<>();
        for (int i = 0; i < lexicon.size(); i++) {
            required.add(new ArrayList<>());
        }
        List<Integer> always = new ArrayList<>();
        for (int r = 0; r < this.rules.length; r++) {
            int[] req = this.rules[r].program().requiredTerms;
            if (req == null) {
                always.add(r);
            } else {
                for (int t : req) {
                    required.get(t).add(r);
                }
            }
        }
        byRequiredTerm = new int[lexicon.size()][];
        for (int i = 0; i < byRequiredTerm.length; i++) {
            byRequiredTerm[i] = required.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        alwaysCandidates = always.stream().mapToInt(Integer::intValue).toArray();
    }

    int size() {
        return rules.length;
    }

    List<CompiledRule> rules() {
        return List.of(rules);
    }

    Lexicon lexicon() {
        return lexicon;
    }

    /** Per-thread scratch: the turn's term bitset and the rules already settled (no allocation per turn). */
    private static final class Scratch {
        long[] present = new long[64];
        /** Per rule: -1 until seen this turn, then the last position that can start a match. */
        int[] lastStart = new int[512];
        /** The turn's candidate rules, in the order first seen. */
        int[] candidates = new int[512];
        /** Rules that fired: start, first term, rule, end (4 ints each). */
        int[] fired = new int[64];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Adds to {@code out} one cue per rule that matches {@code tokens} (its first match that is not negated). */
    void match(String[] heard, Speaker speaker, int turn, List<FraudCue> out) {
        if (heard.length == 0 || rules.length == 0) {
            return;
        }
        // each token is looked up once; the repair reuses the ids and only looks up the tokens it changed
        Lexicon.Token[] looked = new Lexicon.Token[heard.length];
        int[][] heardIds = new int[heard.length][];
        for (int i = 0; i < heard.length; i++) {
            looked[i] = lexicon.token(heard[i]);
            heardIds[i] = looked[i].ids;
        }
        String[] tokens = repair == null ? heard : repair.apply(heard, looked);
        TokenView view = tokens == heard ? new TokenView(tokens, heardIds) : new TokenView(tokens, lexicon);
        Scratch scratch = SCRATCH.get();
        int words = (lexicon.size() >> 6) + 1;
        if (scratch.present.length < words) {
            scratch.present = new long[words];
        }
        if (scratch.lastStart.length < rules.length) {
            scratch.lastStart = new int[rules.length];
            scratch.candidates = new int[rules.length];
        }
        long[] present = scratch.present;
        for (int[] ids : view.ids) {
            for (int id : ids) {
                present[id >> 6] |= 1L << id;
            }
        }
        try {
            matchView(view, speaker, turn, out, present, scratch);
        } finally {
            for (int[] ids : view.ids) {
                for (int id : ids) {
                    present[id >> 6] = 0;
                }
            }
        }
    }

    private void matchView(TokenView view, Speaker speaker, int turn, List<FraudCue> out, long[] present,
                           Scratch scratch) {
        String[] tokens = view.tokens;
        int[] lastStart = scratch.lastStart;
        int[] candidates = scratch.candidates;
        int count = 0;
        // a rule none of whose required terms occurs in the turn cannot match; nor can one that needs a word the
        // turn lacks, or one that is not for this speaker
        java.util.Arrays.fill(lastStart, 0, rules.length, -1);
        for (int r : alwaysCandidates) {
            lastStart[r] = Integer.MAX_VALUE;
            if (rules[r].hears(speaker) && rules[r].program().mayMatch(present)) {
                candidates[count++] = r;
            }
        }
        for (int pos = 0; pos < tokens.length; pos++) {
            for (int id : view.ids[pos]) {
                for (int r : byRequiredTerm[id]) {
                    if (lastStart[r] < 0) {
                        Program p = rules[r].program();
                        lastStart[r] = p.requiredBoundsStart ? pos : Integer.MAX_VALUE;
                        if (rules[r].hears(speaker) && p.mayMatch(present)) {
                            candidates[count++] = r;
                        }
                    } else if (lastStart[r] < pos) {
                        lastStart[r] = pos; // only for rules bounded by their required terms
                    }
                }
            }
        }
        if (count == 0) {
            return;
        }
        Program.Memo memo = Program.memo();
        int stamp0 = memo.beginTurn(tokens.length, maxProgram, rules.length);
        if (stamp0 < 0) {
            memo = null; // a very long turn: correct without the memo, only slower
        }
        // each candidate is tried where a match can start (its first words, or a number), up to its first match
        // that is not negated; a rule's result does not depend on the others (each has its own memo stamp)
        int[] fired = scratch.fired;
        int nFired = 0;
        for (int k = 0; k < count; k++) {
            int r = candidates[k];
            Program p = rules[r].program();
            int last = Math.min(lastStart[r], tokens.length - 1);
            for (int pos = 0; pos <= last; pos++) {
                int term = p.firstTermIn(view.ids[pos]);
                if (term < 0) {
                    if (!p.startsWithNumber || !view.isNumber(pos)) {
                        continue;
                    }
                    term = Integer.MAX_VALUE; // number-first rules are tried after the word-first ones
                }
                int end = tryRule(rules[r], view, pos, memo, stamp0 + r);
                if (end >= 0) {
                    if (nFired * 4 + 4 > fired.length) {
                        fired = scratch.fired = java.util.Arrays.copyOf(fired, fired.length * 2);
                    }
                    fired[nFired * 4] = pos;
                    fired[nFired * 4 + 1] = term;
                    fired[nFired * 4 + 2] = r;
                    fired[nFired * 4 + 3] = end;
                    nFired++;
                    break;
                }
            }
        }
        // cues in the order of a left-to-right scan: start, then the first word's term id, then rule index
        for (int i = 1; i < nFired; i++) {
            for (int j = i; j > 0 && before(fired, j, j - 1); j--) {
                for (int f = 0; f < 4; f++) {
                    int t = fired[j * 4 + f];
                    fired[j * 4 + f] = fired[(j - 1) * 4 + f];
                    fired[(j - 1) * 4 + f] = t;
                }
            }
        }
        for (int i = 0; i < nFired; i++) {
            CompiledRule rule = rules[fired[i * 4 + 2]];
            int pos = fired[i * 4];
            int end = fired[i * 4 + 3];
            out.add(new FraudCue(rule.kind(), rule.category(), rule.id(), evidence(tokens, pos, end), turn, speaker,
                    rule.weight()));
        }
    }

    private static boolean before(int[] fired, int i, int j) {
        for (int f = 0; f < 3; f++) {
            int a = fired[i * 4 + f];
            int b = fired[j * 4 + f];
            if (a != b) {
                return a < b;
            }
        }
        return false;
    }

    /** The end of the rule's match at {@code pos}, or -1 (no match, or a negated one, which hides no later one). */
    private int tryRule(CompiledRule rule, TokenView view, int pos, Program.Memo memo, int stamp) {
        int end = rule.program().matchAt(view, pos, memo, stamp);
        if (end < 0 || (rule.negatable() && negated(view.tokens, pos, end))) {
            return -1;
        }
        return end;
    }

    private boolean negated(String[] tokens, int start, int end) {
        for (int i = Math.max(0, start - NEGATION_LOOKBACK); i < start; i++) {
            if (negatorsBefore.contains(tokens[i])) {
                return true;
            }
        }
        for (int i = start; i < end; i++) {
            if (negatorsInside.contains(tokens[i])) {
                return true;
            }
        }
        for (int i = Math.max(0, start - REPORT_LOOKBACK); i < start; i++) {
            if (reporters.contains(tokens[i])) {
                return true;
            }
        }
        return false;
    }

    private static String evidence(String[] tokens, int start, int end) {
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < end; i++) {
            if (i > start) {
                sb.append(' ');
            }
            sb.append(tokens[i]);
        }
        return sb.toString();
    }
}
