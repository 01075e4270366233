package com.ethiq.core.detection;

import com.ethiq.core.domain.Speaker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cues heard only in the recogniser's alternative hypotheses of a segment ("lisez-moi le code" heard as "lisez-moi
 * le conte", with "le code" second best). Each alternative (the first {@link #MAX_ALTERNATIVES}, best first) is
 * matched like the text; a rule that did not fire on the text nor on a better alternative adds its cue with its
 * weight discounted by {@link #DISCOUNT} per rank (0.8, 0.64, 0.51) and evidence naming the alternative
 * ("alt 1: le code"), so the verdict still says which hypothesis fired. A rule already heard in the best hypothesis
 * keeps its full-weight cue only. Stateless.
 */
final class AlternativeHypotheses {

    static final int MAX_ALTERNATIVES = 3;
    static final double DISCOUNT = 0.8;

    /** Matches text tokens into cues of one turn; the pack's rules and the tenant's, as the session does. */
    interface Matcher {
        void match(String[] tokens, Speaker speaker, int turn, List<FraudCue> out);
    }

    private AlternativeHypotheses() {
    }

    /**
     * The cues of the best hypothesis ({@code primary}, matched from {@code primaryTokens}) plus those found only in
     * the alternatives, discounted. Returns {@code primary} itself when the alternatives add nothing.
     */
    static List<FraudCue> merge(List<FraudCue> primary, String[] primaryTokens, List<String> alternatives,
                                TextNormalizer normalizer, Matcher matcher, Speaker speaker, int turn) {
        if (alternatives.isEmpty()) {
            return primary;
        }
        Set<String> heard = new HashSet<>();
        for (FraudCue c : primary) {
            heard.add(c.ruleId());
        }
        List<FraudCue> out = null;
        List<String[]> seen = new ArrayList<>(MAX_ALTERNATIVES + 1);
        seen.add(primaryTokens);
        List<FraudCue> found = new ArrayList<>(4);
        double factor = 1;
        int rank = 0;
        for (String alt : alternatives) {
            if (rank == MAX_ALTERNATIVES) {
                break;
            }
            rank++;
            factor *= DISCOUNT;
            String[] tokens = normalizer.tokens(alt);
            if (tokens.length == 0 || seenBefore(seen, tokens)) {
                continue; // the same words once normalised: nothing new to hear
            }
            seen.add(tokens);
            found.clear();
            matcher.match(tokens, speaker, turn, found);
            for (FraudCue c : found) {
                if (heard.add(c.ruleId())) {
                    if (out == null) {
                        out = new ArrayList<>(primary);
                    }
                    out.add(new FraudCue(c.kind(), c.category(), c.ruleId(), "alt " + rank + ": " + c.evidence(), turn,
                            speaker, c.weight() * factor));
                }
            }
        }
        return out == null ? primary : out;
    }

    private static boolean seenBefore(List<String[]> seen, String[] tokens) {
        for (String[] s : seen) {
            if (Arrays.equals(s, tokens)) {
                return true;
            }
        }
        return false;
    }
}
