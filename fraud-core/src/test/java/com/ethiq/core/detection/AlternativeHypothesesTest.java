package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TranscriptSegment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cues heard only in the recogniser's alternative hypotheses count, discounted, and say which hypothesis fired. */
class AlternativeHypothesesTest {

    private static final DetectionEngine ENGINE = DetectionEngine.withDefaultPacks();

    private static DetectionSession session() {
        return ENGINE.newSession(Language.FRENCH, DetectionThresholds.DEFAULT, List.of());
    }

    private static List<FraudCue> cues(String text, List<String> alternatives) {
        return session().onSegment(TranscriptSegment.finalText(Speaker.CALLER, 0, text, alternatives)).cues();
    }

    private static FraudCue cue(List<FraudCue> cues, String ruleId) {
        return cues.stream().filter(c -> c.ruleId().equals(ruleId)).findFirst().orElseThrow();
    }

    @Test
    void aRequestHeardOnlyInTheSecondHypothesisFiresDiscountedAndNamesIt() {
        List<FraudCue> clean = cues("lisez-moi le code", List.of());
        assertThat(clean).isNotEmpty();
        FraudCue best = clean.get(0);

        assertThat(cues("lisez-moi le conte", List.of())).noneMatch(c -> c.ruleId().equals(best.ruleId()));
        List<FraudCue> withAlt = cues("lisez-moi le conte", List.of("lisez-moi le code"));

        FraudCue heard = cue(withAlt, best.ruleId());
        assertThat(heard.weight()).isCloseTo(best.weight() * AlternativeHypotheses.DISCOUNT, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(heard.evidence()).isEqualTo("alt 1: " + best.evidence());
        assertThat(heard.turn()).isZero();
        assertThat(heard.speaker()).isEqualTo(Speaker.CALLER);
    }

    @Test
    void theDiscountGrowsWithTheRankAndStopsAfterThree() {
        String request = "lisez-moi le code";
        FraudCue best = cues(request, List.of()).get(0);

        FraudCue third = cue(cues("bonjour", List.of("bonjour madame", "bonjour monsieur", request)), best.ruleId());
        assertThat(third.weight()).isCloseTo(best.weight() * 0.8 * 0.8 * 0.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(third.evidence()).startsWith("alt 3: ");

        assertThat(cues("bonjour", List.of("bonjour madame", "bonjour monsieur", "bonjour a vous", request))).isEmpty();
    }

    @Test
    void aRuleAlreadyHeardInTheBestHypothesisIsNotCountedAgain() {
        List<FraudCue> clean = cues("lisez-moi le code", List.of());
        List<FraudCue> withAlt = cues("lisez-moi le code", List.of("lisez moi le code", "lisez-moi les codes"));

        assertThat(withAlt).hasSameSizeAs(clean);
        assertThat(withAlt).noneMatch(c -> c.evidence().startsWith("alt "));
    }

    @Test
    void alternativesRaiseTheVerdictOfAMisheardCall() {
        DetectionSession plain = session();
        DetectionSession withAlt = session();
        String[] turns = {"bonjour ici le service fraude de votre banque", "une operation suspecte de 900 euros est en cours"};
        for (int i = 0; i < turns.length; i++) {
            plain.onSegment(TranscriptSegment.finalText(Speaker.CALLER, i, turns[i]));
            withAlt.onSegment(TranscriptSegment.finalText(Speaker.CALLER, i, turns[i]));
        }
        Verdict misheard = plain.onSegment(TranscriptSegment.finalText(Speaker.CALLER, 2, "pour annuler lisez-moi le conte"));
        Verdict rescued = withAlt.onSegment(TranscriptSegment.finalText(Speaker.CALLER, 2, "pour annuler lisez-moi le conte",
                List.of("pour annuler lisez-moi le code")));

        assertThat(rescued.score()).isGreaterThan(misheard.score());
        assertThat(rescued.isScam()).isTrue();
        assertThat(rescued.explanation()).contains("alt 1: ");
    }

    @Test
    void segmentsBuiltWithoutAlternativesHaveNoneAndTheTrackKeepsThem() {
        TranscriptSegment old = new TranscriptSegment(Speaker.CALLER, 0, "allo", true, Duration.ZERO, Duration.ZERO, 1.0);
        assertThat(old.alternatives()).isEmpty();
        assertThat(TranscriptSegment.partialText(Speaker.CALLER, 0, "al").alternatives()).isEmpty();
        assertThat(new TranscriptSegment(Speaker.CALLER, 0, "allo", true, Duration.ZERO, Duration.ZERO, 1.0, null)
                .alternatives()).isEmpty();

        TranscriptSegment heard = TranscriptSegment.finalText(Speaker.CALLER, 3, "allo", List.of("halo"));
        TranscriptSegment moved = heard.withSpeaker(Speaker.CALLEE);
        assertThat(moved.speaker()).isEqualTo(Speaker.CALLEE);
        assertThat(moved.alternatives()).containsExactly("halo");
        assertThat(moved.utteranceIndex()).isEqualTo(3);
        assertThat(heard.withSpeaker(Speaker.CALLER)).isSameAs(heard);
    }
}
