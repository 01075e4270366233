package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import com.ethiq.core.port.ScamAnalyzer.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The AI may raise a call's risk (when confident enough), never lower it. Thresholds 0.35 / 0.7. */
class VerdictCombinerTest {
    private static final DetectionThresholds THRESHOLDS = DetectionThresholds.DEFAULT;

    private static AiAnalysis ai(boolean scam, double confidence, ScamCategory category, String... reasons) {
        return new AiAnalysis(scam, confidence, category, List.of(reasons), List.of(), "", "m", new TokenUsage(1, 1));
    }

    private static Verdict.Suspicious suspicious(double score, ScamCategory category, String explanation) {
        return new Verdict.Suspicious(score, category, List.of(), explanation);
    }

    @Test
    void withoutAConfidentScamOpinionTheRulesStand() {
        Verdict rules = suspicious(0.4, ScamCategory.FAKE_BANK_ADVISER, "banque");
        assertThat(VerdictCombiner.combine(rules, null, THRESHOLDS)).isSameAs(rules);
        assertThat(VerdictCombiner.combine(rules, ai(false, 1.0, ScamCategory.NONE), THRESHOLDS)).isSameAs(rules);
        assertThat(VerdictCombiner.combine(rules, ai(true, 0.59, ScamCategory.INVESTMENT), THRESHOLDS)).isSameAs(rules);
    }

    @Test
    void aConfidenceOfExactlyTheMinimumCounts() {
        Verdict rules = Verdict.Clear.empty();
        Verdict combined = VerdictCombiner.combine(rules, ai(true, 0.6, ScamCategory.INVESTMENT, "placement"), THRESHOLDS);
        assertThat(combined).isInstanceOf(Verdict.Suspicious.class);
        assertThat(combined.score()).isEqualTo(0.6 * 0.95);
        assertThat(combined.category()).isEqualTo(ScamCategory.INVESTMENT);
        assertThat(combined.explanation()).isEqualTo("IA (60 %) : placement");
    }

    @Test
    void theAiNeverLowersAHigherRulesScore() {
        Verdict rules = suspicious(0.6, ScamCategory.FAKE_POLICE, "police");
        assertThat(VerdictCombiner.combine(rules, ai(true, 0.6, ScamCategory.INVESTMENT), THRESHOLDS)).isSameAs(rules);
        // 0.95 × 0.95 = 0.9025 equals a rules score of 0.9025: not higher, so the rules stand
        Verdict high = new Verdict.Scam(0.9025, ScamCategory.FAKE_POLICE, List.of(), "police");
        assertThat(VerdictCombiner.combine(high, ai(true, 0.95, ScamCategory.INVESTMENT), THRESHOLDS)).isSameAs(high);
    }

    @Test
    void aSureAiTipsASuspiciousCallIntoAScamKeepingTheRulesCategory() {
        Verdict rules = suspicious(0.4, ScamCategory.FAKE_BANK_ADVISER, "banque; opération");
        Verdict combined = VerdictCombiner.combine(rules,
                ai(true, 0.9, ScamCategory.INVESTMENT, "demande un code", "urgence"), THRESHOLDS);
        assertThat(combined).isInstanceOf(Verdict.Scam.class);
        assertThat(combined.score()).isEqualTo(0.9 * 0.95);
        assertThat(combined.category()).isEqualTo(ScamCategory.FAKE_BANK_ADVISER);
        assertThat(combined.explanation()).isEqualTo("banque; opération | IA (90 %) : demande un code ; urgence");
    }

    @Test
    void theAiNamesTheCategoryWhenTheRulesHaveNoneOrOnlyOther() {
        Verdict other = suspicious(0.4, ScamCategory.OTHER, "");
        assertThat(VerdictCombiner.combine(other, ai(true, 0.9, ScamCategory.ROMANCE), THRESHOLDS).category())
                .isEqualTo(ScamCategory.ROMANCE);
        assertThat(VerdictCombiner.combine(Verdict.Clear.empty(), ai(true, 0.9, ScamCategory.ROMANCE), THRESHOLDS).category())
                .isEqualTo(ScamCategory.ROMANCE);
    }

    @Test
    void scoresAreComparedInclusivelyWithTheTenantThresholds() {
        // exactly at the scam threshold: a scam
        DetectionThresholds atScam = new DetectionThresholds(0.3, 0.95 * 0.8);
        assertThat(VerdictCombiner.combine(Verdict.Clear.empty(), ai(true, 0.8, ScamCategory.ROMANCE), atScam))
                .isInstanceOf(Verdict.Scam.class);
        // exactly at the suspicious threshold: suspicious
        DetectionThresholds atSuspicious = new DetectionThresholds(0.95 * 0.8, 0.9);
        assertThat(VerdictCombiner.combine(Verdict.Clear.empty(), ai(true, 0.8, ScamCategory.ROMANCE), atSuspicious))
                .isInstanceOf(Verdict.Suspicious.class);
        // above the rules but below the tenant's suspicious threshold: the rules stand
        Verdict clear = new Verdict.Clear(0.1, List.of(), "");
        DetectionThresholds lenient = new DetectionThresholds(0.8, 0.9);
        assertThat(VerdictCombiner.combine(clear, ai(true, 0.7, ScamCategory.ROMANCE), lenient)).isSameAs(clear);
    }
}
