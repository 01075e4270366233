package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Speaker;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scoring formula of docs/detection.md, term by term, and what the verdict carries. */
class ScorerTest {

    private static double combine(double id, double pre, double urg, double sec, double req, double dis, double legit,
                                  double narrative) {
        Map<CueKind, Double> s = new EnumMap<>(CueKind.class);
        s.put(CueKind.IDENTITY_CLAIM, id);
        s.put(CueKind.PRETEXT, pre);
        s.put(CueKind.URGENCY, urg);
        s.put(CueKind.SECRECY, sec);
        s.put(CueKind.REQUEST, req);
        s.put(CueKind.DISCLOSURE, dis);
        s.put(CueKind.LEGITIMACY, legit);
        return Scorer.combine(s, narrative);
    }

    private static FraudCue cue(CueKind kind, ScamCategory cat, String rule, int turn, double w) {
        return new FraudCue(kind, cat, rule, "heard " + rule, turn, Speaker.CALLER, w);
    }

    @Test
    void eachKindAloneStaysLow() {
        assertThat(combine(.5, 0, 0, 0, 0, 0, 0, 0)).isCloseTo(0.125, within(1e-9));      // 0.25 * context
        assertThat(combine(0, .5, 0, 0, 0, 0, 0, 0)).isCloseTo(0.1125, within(1e-9));     // pretext counts 0.9
        assertThat(combine(0, 0, .5, 0, 0, 0, 0, 0)).isCloseTo(0.1, within(1e-9));        // 0.2 * pressure
        assertThat(combine(0, 0, 0, .5, 0, 0, 0, 0)).isCloseTo(0.1, within(1e-9));
        assertThat(combine(0, 0, 0, 0, .5, 0, 0, 0)).isCloseTo(0.25, within(1e-9));       // request alone 0.5 * r
        assertThat(combine(0, 0, 0, 0, 0, .5, 0, 0)).isCloseTo(0.2, within(1e-9));        // disclosure 0.4 * d
    }

    @Test
    void combinationsOfKindsCountFarMoreThanEachAlone() {
        assertThat(combine(.5, 0, 0, 0, .5, 0, 0, 0)).isCloseTo(0.60625, within(1e-9));
        assertThat(combine(0, 0, .5, 0, .5, 0, 0, 0)).isCloseTo(0.5275, within(1e-9));
        assertThat(combine(.5, 0, .5, 0, 0, 0, 0, 0)).isCloseTo(0.32078125, within(1e-9));
        assertThat(combine(.5, .5, 0, 0, 0, 0, 0, 0)).isCloseTo(0.252890625, within(1e-9));
        assertThat(combine(0, .4, .2, .3, 0, 0, 0, 0)).isCloseTo(0.2423826304, within(1e-9));
        assertThat(combine(0, 0, 0, 0, .5, .5, 0, 0)).isCloseTo(0.5125, within(1e-9));
        assertThat(combine(.5, 0, 0, 0, 0, .5, 0, 0)).isCloseTo(0.365625, within(1e-9));
        assertThat(combine(.9, 0, 0, 0, .9, 0, 0, 0)).isCloseTo(0.9786875, within(1e-9)); // 1.6 c r capped at 0.95
        assertThat(combine(.3, .4, .2, .3, .35, .25, .2, 0)).isCloseTo(0.7618515323, within(1e-9));
    }

    @Test
    void identityStoryAndPressureTogetherAlertWithoutARequest() {
        // 5 i t p, capped at 0.9: each of the three is needed
        assertThat(combine(.55, .5, .45, 0, 0, 0, 0, 0)).isGreaterThanOrEqualTo(0.7);
        assertThat(combine(0, .5, .45, 0, 0, 0, 0, 0)).isLessThan(0.35);
        assertThat(combine(.55, 0, .45, 0, 0, 0, 0, 0)).isLessThan(0.35);
        assertThat(combine(.55, .5, 0, 0, 0, 0, 0, 0)).isLessThan(0.35);
        assertThat(combine(.55, .5, .45, 0, 0, 0, .6, 0)).isLessThan(0.7); // "we will never ask you for your code"
    }

    @Test
    void legitimacyDampsRequestsLessThanNarrativeDoes() {
        assertThat(combine(.5, 0, 0, 0, .5, 0, .5, 0)).isCloseTo(0.4854109375, within(1e-9));
        assertThat(combine(.5, 0, 0, 0, .5, 0, .5, .5)).isCloseTo(0.40245, within(1e-9));
        assertThat(Scorer.combine(new EnumMap<>(Map.of(CueKind.IDENTITY_CLAIM, .5, CueKind.PRETEXT, 0.0,
                CueKind.URGENCY, 0.0, CueKind.SECRECY, 0.0, CueKind.REQUEST, .5, CueKind.DISCLOSURE, 0.0,
                CueKind.LEGITIMACY, 0.0)))).isCloseTo(0.60625, within(1e-9));
    }

    @Test
    void aNarrativeCountsOnlyUntilTheCallerHasIntroducedThemself() {
        List<FraudCue> story = List.of(
                cue(CueKind.LEGITIMACY, ScamCategory.NONE, "leg.narrative", 0, .6),
                cue(CueKind.IDENTITY_CLAIM, ScamCategory.GOVERNMENT_IMPERSONATION, "id.gov", 0, .55),
                cue(CueKind.REQUEST, ScamCategory.NONE, "req.gift", 2, .7));
        List<FraudCue> introducedFirst = List.of(
                cue(CueKind.IDENTITY_CLAIM, ScamCategory.FAKE_POLICE, "id.police", 0, .55),
                cue(CueKind.LEGITIMACY, ScamCategory.NONE, "leg.narrative", 2, .6),
                cue(CueKind.REQUEST, ScamCategory.NONE, "req.gift", 4, .7));
        double storyScore = Scorer.verdict(story, DetectionThresholds.DEFAULT).score();
        double scamScore = Scorer.verdict(introducedFirst, DetectionThresholds.DEFAULT).score();
        assertThat(storyScore).isLessThan(0.5);
        assertThat(scamScore).isGreaterThan(storyScore + 0.1);
        // another legitimacy rule damps the request part by 45 % only
        List<FraudCue> otherLegit = List.of(
                cue(CueKind.LEGITIMACY, ScamCategory.NONE, "leg.never_ask", 0, .6),
                cue(CueKind.IDENTITY_CLAIM, ScamCategory.GOVERNMENT_IMPERSONATION, "id.gov", 0, .55),
                cue(CueKind.REQUEST, ScamCategory.NONE, "req.gift", 2, .7));
        assertThat(Scorer.verdict(otherLegit, DetectionThresholds.DEFAULT).score()).isEqualTo(scamScore);
    }

    @Test
    void labelFollowsTheThresholdsInclusively() {
        List<FraudCue> req = List.of(cue(CueKind.REQUEST, ScamCategory.NONE, "r", 0, .5)); // score 0.25
        assertThat(Scorer.verdict(req, new DetectionThresholds(0.25, 0.9))).isInstanceOf(Verdict.Suspicious.class);
        assertThat(Scorer.verdict(req, new DetectionThresholds(0.2, 0.25))).isInstanceOf(Verdict.Scam.class);
        assertThat(Scorer.verdict(req, new DetectionThresholds(0.26, 0.9))).isInstanceOf(Verdict.Clear.class);
        assertThat(Scorer.verdict(req, new DetectionThresholds(0.2, 0.25)).category()).isEqualTo(ScamCategory.OTHER);
        assertThat(Scorer.verdict(List.of(), DetectionThresholds.DEFAULT).score()).isZero();
    }

    @Test
    void oneCuePerRuleTheStrongestThenTheEarliestSortedByWeight() {
        List<FraudCue> window = List.of(
                cue(CueKind.REQUEST, ScamCategory.NONE, "b", 3, .4),
                cue(CueKind.REQUEST, ScamCategory.NONE, "b", 1, .4),
                cue(CueKind.REQUEST, ScamCategory.NONE, "a", 2, .3),
                cue(CueKind.REQUEST, ScamCategory.NONE, "a", 5, .6),
                cue(CueKind.URGENCY, ScamCategory.NONE, "c", 0, .4));
        List<FraudCue> kept = Scorer.strongestPerRule(window);
        assertThat(kept).extracting(FraudCue::ruleId).containsExactly("a", "c", "b"); // equal weights: the earlier turn first
        assertThat(kept.get(0).turn()).isEqualTo(5);
        assertThat(kept.get(2).turn()).isEqualTo(1);
        // a repeated rule counts once: two "b" cues of 0.4 score like one
        double once = Scorer.verdict(List.of(window.get(0)), DetectionThresholds.DEFAULT).score();
        double twice = Scorer.verdict(window.subList(0, 2), DetectionThresholds.DEFAULT).score();
        assertThat(twice).isEqualTo(once);
    }

    @Test
    void categoryIsVotedWithIdentityCountingMost() {
        List<FraudCue> cues = List.of(
                cue(CueKind.IDENTITY_CLAIM, ScamCategory.FAKE_BANK_ADVISER, "id", 0, .4),      // 0.6
                cue(CueKind.PRETEXT, ScamCategory.FAKE_HEALTH_OR_PARCEL, "pre", 1, .55),       // 0.55
                cue(CueKind.REQUEST, ScamCategory.INVESTMENT, "req", 2, .7),                   // 0.56
                cue(CueKind.URGENCY, ScamCategory.FAKE_POLICE, "urg", 2, .9),                  // 0.27
                cue(CueKind.DISCLOSURE, ScamCategory.ROMANCE, "dis", 3, .9));                  // no vote
        assertThat(Scorer.verdict(cues, DetectionThresholds.DEFAULT).category()).isEqualTo(ScamCategory.FAKE_BANK_ADVISER);
        List<FraudCue> requestWins = List.of(
                cue(CueKind.PRETEXT, ScamCategory.FAKE_HEALTH_OR_PARCEL, "pre", 1, .5),        // 0.5
                cue(CueKind.REQUEST, ScamCategory.INVESTMENT, "req", 2, .7),                   // 0.56
                cue(CueKind.SECRECY, ScamCategory.FAKE_POLICE, "sec", 2, .9));                 // 0.27
        assertThat(Scorer.verdict(requestWins, DetectionThresholds.DEFAULT).category()).isEqualTo(ScamCategory.INVESTMENT);
        List<FraudCue> pressureOnly = List.of(
                cue(CueKind.REQUEST, ScamCategory.OTHER, "req", 2, .9),
                cue(CueKind.SECRECY, ScamCategory.FAKE_POLICE, "sec", 2, .9));
        assertThat(Scorer.verdict(pressureOnly, DetectionThresholds.DEFAULT).category()).isEqualTo(ScamCategory.FAKE_POLICE);
    }

    @Test
    void explanationNamesSixCuesWithTurnSpeakerAndRuleThenCountsTheRest() {
        List<FraudCue> cues = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            cues.add(cue(CueKind.REQUEST, ScamCategory.NONE, "r" + i, i, 0.9 - i * 0.05));
        }
        Verdict v = Scorer.verdict(cues, DetectionThresholds.DEFAULT);
        assertThat(v.explanation()).startsWith("score 0.49: request 'heard r0' (turn 0, caller, r0); request 'heard r1'");
        assertThat(v.explanation()).contains("(turn 5, caller, r5); +2 more").doesNotContain("r6)");
        Verdict low = Scorer.verdict(List.of(cue(CueKind.URGENCY, ScamCategory.NONE, "u", 4, .25)),
                DetectionThresholds.DEFAULT);
        assertThat(low.explanation()).isEqualTo("score 0.05: urgency 'heard u' (turn 4, caller, u)");
        Verdict one = Scorer.verdict(List.of(cue(CueKind.REQUEST, ScamCategory.NONE, "q", 1, .4)),
                DetectionThresholds.DEFAULT);
        assertThat(one.explanation()).isEqualTo("score 0.20: request 'heard q' (turn 1, caller, q)");
        assertThat(one.score()).isEqualTo(0.2);
    }

    @Test
    void aClaimWithAThreatOrIsolationAlertsBeforeTheRequestButOrdinaryHurryDoesNot() {
        List<FraudCue> threat = List.of(cue(CueKind.IDENTITY_CLAIM, ScamCategory.GOVERNMENT_IMPERSONATION, "id.gov", 0, .55),
                cue(CueKind.PRETEXT, ScamCategory.GOVERNMENT_IMPERSONATION, "pre.case", 2, .55),
                cue(CueKind.URGENCY, ScamCategory.NONE, "urg.arrest", 2, .6));
        assertThat(Scorer.coercion(threat)).isCloseTo(0.6, within(1e-9));
        assertThat(Scorer.verdict(threat, DetectionThresholds.DEFAULT)).isInstanceOf(Verdict.Scam.class);

        // a claim with only "today" (weight below COERCION_MIN_WEIGHT) and no story waits for the request
        List<FraudCue> hurry = List.of(threat.get(0), cue(CueKind.URGENCY, ScamCategory.NONE, "urg.now", 2, .4));
        assertThat(Scorer.coercion(hurry)).isZero();
        assertThat(Scorer.verdict(hurry, DetectionThresholds.DEFAULT).isScam()).isFalse();

        // a threat with no claimed identity nor story is not enough
        assertThat(Scorer.verdict(List.of(threat.get(2)), DetectionThresholds.DEFAULT)).isInstanceOf(Verdict.Clear.class);
    }

    @Test
    void coercionIsDampedByLegitimacyAndANarrative() {
        Map<CueKind, Double> s = new EnumMap<>(CueKind.class);
        for (CueKind k : CueKind.values()) {
            s.put(k, 0.0);
        }
        s.put(CueKind.IDENTITY_CLAIM, .55);
        s.put(CueKind.PRETEXT, .55);
        s.put(CueKind.SECRECY, .7);
        double plain = Scorer.combine(s, 0, 0);
        double coerced = Scorer.combine(s, 0, .7);
        assertThat(coerced).isGreaterThan(0.7).isGreaterThan(plain);
        assertThat(Scorer.combine(s, .55, .7)).isLessThan(coerced);   // a story about such a call
        s.put(CueKind.LEGITIMACY, .9);
        assertThat(Scorer.combine(s, 0, .7)).isLessThan(0.7);          // "we will never ask you to keep it secret"
    }
}
