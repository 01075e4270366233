package com.ethiq.core.detection;

import com.ethiq.core.domain.Speaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compiled rules with their lexicon and an index from each term to the rules a match can start with. A turn's
 * tokens are looked up once; a rule is skipped unless one of its required terms occurs in the turn, and tried only
 * where its first word occurs. Immutable and thread-safe (matching uses a per-thread scratch memo, see
 * {@link Program}).
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
    private final int[][] byFirstTerm;
    private final int[] numberFirst;
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
        List<List<Integer>> index = new ArrayList<>();
        for (int i = 0; i < lexicon.size(); i++) {
            index.add(new ArrayList<>());
        }
        List<Integer> numbers = new ArrayList<>();
        int longest = 1;
        for (int r = 0; r < this.rules.length; r++) {
            Program p = this.rules[r].program();
            longest = Math.max(longest, p.length());
            for (int t : p.firstTerms) {
                index.get(t).add(r);
            }
            if (p.startsWithNumber) {
                numbers.add(r);
            }
        }
        byFirstTerm = new int[lexicon.size()][];
        for (int i = 0; i < byFirstTerm.length; i++) {
            byFirstTerm[i] = index.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        numberFirst = numbers.stream().mapToInt(Integer::intValue).toArray();
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

    /** Per-thread scratch: the turn's term bitset and the rules already settled (no allocation per turn). */
    private static final class Scratch {
        long[] present = new long[64];
        boolean[] done = new boolean[512];
        /** Per rule: -1 until seen this turn, then the last position that can start a match. */
        int[] lastStart = new int[512];
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
        if (scratch.done.length < rules.length) {
            scratch.done = new boolean[rules.length];
            scratch.lastStart = new int[rules.length];
        }
        long[] present = scratch.present;
        boolean[] done = scratch.done;
        for (int[] ids : view.ids) {
            for (int id : ids) {
                present[id >> 6] |= 1L << id;
            }
        }
        try {
            matchView(view, speaker, turn, out, present, done, scratch.lastStart);
        } finally {
            for (int[] ids : view.ids) {
                for (int id : ids) {
                    present[id >> 6] = 0;
                }
            }
        }
    }

    private void matchView(TokenView view, Speaker speaker, int turn, List<FraudCue> out, long[] present,
                           boolean[] done, int[] lastStart) {
        String[] tokens = view.tokens;
        // a rule none of whose required terms occurs in the turn cannot match: it starts as done; so does one that
        // needs a word the turn lacks
        java.util.Arrays.fill(done, 0, rules.length, true);
        java.util.Arrays.fill(lastStart, 0, rules.length, -1);
        for (int r : alwaysCandidates) {
            done[r] = !rules[r].hears(speaker) || !rules[r].program().mayMatch(present);
            lastStart[r] = Integer.MAX_VALUE;
        }
        for (int pos = 0; pos < tokens.length; pos++) {
            for (int id : view.ids[pos]) {
                for (int r : byRequiredTerm[id]) {
                    if (lastStart[r] < 0) {
                        Program p = rules[r].program();
                        done[r] = !rules[r].hears(speaker) || !p.mayMatch(present);
                        lastStart[r] = p.requiredBoundsStart ? pos : Integer.MAX_VALUE;
                    } else if (lastStart[r] < pos) {
                        lastStart[r] = pos; // only for rules bounded by their required terms
                    }
                }
            }
        }
        Program.Memo memo = Program.memo();
        int stamp0 = memo.beginTurn(tokens.length, maxProgram, rules.length);
        if (stamp0 < 0) {
            memo = null; // a very long turn: correct without the memo, only slower
        }
        for (int pos = 0; pos < tokens.length; pos++) {
            for (int term : view.ids[pos]) {
                for (int r : byFirstTerm[term]) {
                    if (!done[r] && pos <= lastStart[r]) {
                        done[r] = tryRule(rules[r], view, pos, memo, stamp0 + r, speaker, turn, out);
                    }
                }
            }
            if (numberFirst.length > 0 && view.isNumber(pos)) {
                for (int r : numberFirst) {
                    if (!done[r] && pos <= lastStart[r]) {
                        done[r] = tryRule(rules[r], view, pos, memo, stamp0 + r, speaker, turn, out);
                    }
                }
            }
        }
    }

    /** True when the rule fired at {@code pos} (a negated match does not fire and does not hide a later one). */
    private boolean tryRule(CompiledRule rule, TokenView view, int pos, Program.Memo memo, int stamp, Speaker speaker,
                            int turn, List<FraudCue> out) {
        int end = rule.program().matchAt(view, pos, memo, stamp);
        if (end < 0 || (rule.negatable() && negated(view.tokens, pos, end))) {
            return false;
        }
        out.add(new FraudCue(rule.kind(), rule.category(), rule.id(), evidence(view.tokens, pos, end), turn, speaker,
                rule.weight()));
        return true;
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
