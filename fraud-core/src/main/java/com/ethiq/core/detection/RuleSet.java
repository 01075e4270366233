package com.ethiq.core.detection;

import com.ethiq.core.domain.Speaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compiled rules with their lexicon and an index from each term to the rules a match can start with, so a turn
 * is scanned once whatever the number of rules. Immutable and thread-safe.
 */
final class RuleSet {

    /** Words before a match that may negate it ("ne ... jamais", "never"). */
    private static final int NEGATION_LOOKBACK = 3;
    /** Words before a match that may mark it as reported speech. */
    private static final int REPORT_LOOKBACK = 4;

    private final Lexicon lexicon;
    private final CompiledRule[] rules;
    private final int[][] byFirstTerm;
    private final int[] numberFirst;
    private final Set<String> negatorsBefore;
    private final Set<String> negatorsInside;
    private final Set<String> reporters;

    /**
     * @param negatorsBefore words that negate a match when they come just before it (French "ne", English "not")
     * @param negatorsInside words that negate a match when they are inside it ("pas", "jamais", "never")
     * @param reporters words that mark reported speech when they come shortly before a match ("ils demandent
     *                  le code": someone describing a scam, not asking)
     */
    RuleSet(Lexicon lexicon, List<CompiledRule> rules, Set<String> negatorsBefore, Set<String> negatorsInside,
            Set<String> reporters) {
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
        for (int r = 0; r < this.rules.length; r++) {
            Program p = this.rules[r].program();
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
    }

    int size() {
        return rules.length;
    }

    List<CompiledRule> rules() {
        return List.of(rules);
    }

    /** Adds to {@code out} one cue per rule that matches {@code tokens} (first match of each rule). */
    void match(String[] tokens, Speaker speaker, int turn, List<FraudCue> out) {
        if (tokens.length == 0 || rules.length == 0) {
            return;
        }
        TokenView view = new TokenView(tokens, lexicon);
        boolean[] fired = new boolean[rules.length];
        for (int pos = 0; pos < tokens.length; pos++) {
            for (int term : view.ids[pos]) {
                for (int r : byFirstTerm[term]) {
                    tryRule(r, view, pos, speaker, turn, fired, out);
                }
            }
            if (numberFirst.length > 0 && view.isNumber(pos)) {
                for (int r : numberFirst) {
                    tryRule(r, view, pos, speaker, turn, fired, out);
                }
            }
        }
    }

    private void tryRule(int r, TokenView view, int pos, Speaker speaker, int turn, boolean[] fired, List<FraudCue> out) {
        if (fired[r]) {
            return;
        }
        CompiledRule rule = rules[r];
        if (!rule.hears(speaker)) {
            return;
        }
        int end = rule.program().matchAt(view, pos);
        if (end < 0) {
            return;
        }
        if (rule.negatable() && negated(view.tokens, pos, end)) {
            return;
        }
        fired[r] = true;
        out.add(new FraudCue(rule.kind(), rule.category(), rule.id(), evidence(view.tokens, pos, end), turn, speaker,
                rule.weight()));
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
