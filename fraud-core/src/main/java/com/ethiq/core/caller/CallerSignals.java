package com.ethiq.core.caller;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.DetectionThresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Core step after the rules: folds what is known about the caller into the verdict. Each caller cue raises the
 * rules' score as a noisy-OR term (a prior of 0.4 on a rules score of 0.5 gives 0.7) and is appended to the
 * explanation; the verdict is then classified against the call's effective thresholds (raised for trusted callers).
 * Caller signals only ever add risk: a matching number does not lower it (numbers are spoofed). Thread-safe.
 */
public final class CallerSignals {
    private final CallerPolicy policy;
    private final ClaimCheck claims;

    public CallerSignals(CallerPolicy policy, ClaimCheck claims) {
        this.policy = Objects.requireNonNull(policy, "'policy' must not be null");
        this.claims = Objects.requireNonNull(claims, "'claims' must not be null");
    }

    public static CallerSignals defaults() {
        return new CallerSignals(CallerPolicy.DEFAULT, new ClaimCheck(InstitutionDirectory.bundled()));
    }

    public CallerPolicy policy() {
        return policy;
    }

    public ClaimCheck claimCheck() {
        return claims;
    }

    /** The rules' verdict with the caller's cues; {@code callerWords} is the caller's track so far. */
    public Judged apply(Verdict rules, CallerContext caller, String callerWords, DetectionThresholds effective) {
        List<CallerCue> cues = new ArrayList<>(caller.priorCues(policy, effective));
        Optional<ClaimFinding> claim = claims.check(rules, callerWords, caller);
        claim.ifPresent(f -> cues.add(f.cue(policy)));
        if (cues.isEmpty()) {
            return new Judged(rules, List.of(), Optional.empty());
        }
        double miss = 1 - rules.score();
        for (CallerCue c : cues) {
            miss *= 1 - c.weight();
        }
        double score = Math.round((1 - miss) * 1000) / 1000.0;
        StringBuilder explanation = new StringBuilder();
        if (!rules.explanation().isBlank()) {
            explanation.append(rules.explanation()).append(" | ");
        } else {
            explanation.append(String.format(Locale.ROOT, "score %.2f: ", score));
        }
        explanation.append("caller: ");
        for (int i = 0; i < cues.size(); i++) {
            explanation.append(i == 0 ? "" : "; ").append(cues.get(i).explanation());
        }
        ScamCategory category = rules.category();
        if (category == ScamCategory.NONE || category == ScamCategory.OTHER) {
            category = claim.map(f -> f.institution().claims().iterator().next()).orElse(ScamCategory.OTHER);
        }
        Verdict verdict;
        if (score >= effective.scam()) {
            verdict = new Verdict.Scam(score, category, rules.cues(), explanation.toString());
        } else if (score >= effective.suspicious()) {
            verdict = new Verdict.Suspicious(score, category, rules.cues(), explanation.toString());
        } else {
            verdict = new Verdict.Clear(score, rules.cues(), explanation.toString());
        }
        return new Judged(verdict, List.copyOf(cues), claim);
    }

    /** The verdict with the caller's cues folded in, the cues themselves, and the claim check's finding if any. */
    public record Judged(Verdict verdict, List<CallerCue> cues, Optional<ClaimFinding> claim) {
        /** What to do, for the warnings (from the claim check); empty when there is nothing specific to say. */
        public String advice() {
            return claim.map(ClaimFinding::advice).orElse("");
        }
    }
}
