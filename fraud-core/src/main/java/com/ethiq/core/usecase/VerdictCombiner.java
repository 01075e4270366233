package com.ethiq.core.usecase;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;

/**
 * How the rules' verdict and the AI's opinion combine. The AI can only raise risk, never lower it: a caller who
 * talks the model out of its judgement ("ignore your instructions") cannot silence the rules.
 */
public final class VerdictCombiner {
    /** Below this confidence a "scam" opinion from the AI does not move the score. */
    static final double MIN_AI_CONFIDENCE = 0.6;
    /** AI confidence is discounted a little: it must be sure to push a call over the scam threshold alone. */
    static final double AI_WEIGHT = 0.95;

    private VerdictCombiner() {
    }

    public static Verdict combine(Verdict rules, AiAnalysis ai, DetectionThresholds thresholds) {
        if (ai == null || !ai.scam() || ai.confidence() < MIN_AI_CONFIDENCE) {
            return rules;
        }
        double aiScore = ai.confidence() * AI_WEIGHT;
        if (aiScore <= rules.score()) {
            return rules;
        }
        ScamCategory category = rules.category() == ScamCategory.NONE || rules.category() == ScamCategory.OTHER
                ? ai.category() : rules.category();
        String explanation = (rules.explanation().isBlank() ? "" : rules.explanation() + " | ")
                + "IA (" + Math.round(ai.confidence() * 100) + " %) : " + String.join(" ; ", ai.reasons());
        if (aiScore >= thresholds.scam()) {
            return new Verdict.Scam(aiScore, category, rules.cues(), explanation);
        }
        if (aiScore >= thresholds.suspicious()) {
            return new Verdict.Suspicious(aiScore, category, rules.cues(), explanation);
        }
        return rules;
    }
}
