package com.ethiq.adapter.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.adapter.openai.fake.FakeOpenAiServer;
import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import com.ethiq.core.port.ScamAnalyzer.TokenUsage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AnswerValidatorTest {

    private static final Set<Integer> SENT = Set.of(4, 5, 6);
    private static final TokenUsage USAGE = new TokenUsage(10, 5);
    private final AnswerValidator validator = new AnswerValidator();

    private AiAnalysis validate(String json) {
        return validator.validate(json, SENT, "gpt-test", USAGE);
    }

    private static String answer(boolean scam, double confidence, String category, List<Integer> turns, String warning) {
        return FakeOpenAiServer.analysisJson(scam, confidence, category, List.of("raison"), turns, warning);
    }

    @Test
    void aWellFormedAnswerIsMapped() {
        AiAnalysis a = validate(answer(true, 0.87, "fake_police", List.of(6, 4), "Attention, raccrochez."));

        assertThat(a.scam()).isTrue();
        assertThat(a.confidence()).isEqualTo(0.87);
        assertThat(a.category()).isEqualTo(ScamCategory.FAKE_POLICE);
        assertThat(a.evidenceTurns()).containsExactly(4, 6);
        assertThat(a.warning()).isEqualTo("Attention, raccrochez.");
        assertThat(a.model()).isEqualTo("gpt-test");
        assertThat(a.usage()).isEqualTo(USAGE);
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @ValueSource(strings = {
            "",
            "not json",
            "[]",
            "{\"scam\": true",
            "{\"reasons\":[],\"evidence_turns\":[],\"category\":\"none\",\"scam\":false,\"confidence\":0.1,\"warning\":\"\"} trailing",
            "{\"reasons\":[],\"evidence_turns\":[],\"category\":\"none\",\"scam\":false,\"confidence\":0.1}",
            "{\"reasons\":[],\"evidence_turns\":[],\"category\":\"none\",\"scam\":false,\"confidence\":0.1,\"warning\":\"\",\"extra\":1}",
            "{\"reasons\":[],\"evidence_turns\":[],\"category\":\"none\",\"scam\":\"false\",\"confidence\":0.1,\"warning\":\"\"}",
            "{\"reasons\":[],\"evidence_turns\":[],\"category\":\"none\",\"scam\":false,\"confidence\":\"0.1\",\"warning\":\"\"}",
            "{\"reasons\":\"x\",\"evidence_turns\":[],\"category\":\"none\",\"scam\":false,\"confidence\":0.1,\"warning\":\"\"}",
            "{\"reasons\":[1],\"evidence_turns\":[],\"category\":\"none\",\"scam\":false,\"confidence\":0.1,\"warning\":\"\"}",
            "{\"reasons\":[],\"evidence_turns\":[4.5],\"category\":\"none\",\"scam\":false,\"confidence\":0.1,\"warning\":\"\"}",
            "{\"reasons\":[],\"evidence_turns\":[],\"category\":\"NONE\",\"scam\":false,\"confidence\":0.1,\"warning\":\"\"}",
            "{\"reasons\":[],\"evidence_turns\":[],\"category\":\"none\",\"scam\":false,\"confidence\":0.1,\"warning\":null}",
            "{\"scam\":false,\"scam\":true,\"reasons\":[],\"evidence_turns\":[],\"category\":\"none\",\"confidence\":0.1,\"warning\":\"\"}"})
    void malformedAnswersAreRejected(String json) {
        assertThatThrownBy(() -> validate(json)).isInstanceOfSatisfying(AiFailure.class,
                f -> assertThat(f.outcome).isEqualTo(AiOutcome.INVALID_OUTPUT));
    }

    @ParameterizedTest(name = "scam={0} confidence={1} category={2}")
    @CsvSource({
            "true, 7, fake_police",
            "true, -0.1, fake_police",
            "true, 1.0001, fake_police",
            "true, 0.3, fake_police",
            "false, 0.8, none",
            "true, 0.9, none",
            "true, 0.9, alien"})
    void absurdOrContradictoryValuesAreRejected(boolean scam, double confidence, String category) {
        assertThatThrownBy(() -> validate(answer(scam, confidence, category, List.of(4), scam ? "Attention." : "")))
                .isInstanceOf(AiFailure.class);
    }

    @Test
    void evidenceMustBeAmongTheSentTurns() {
        assertThatThrownBy(() -> validate(answer(true, 0.9, "fake_police", List.of(3), "Attention.")))
                .isInstanceOf(AiFailure.class).hasMessageContaining("turn 3");
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @ValueSource(strings = {"", "   ", "Rappelez le 0612345678.", "Voir https://exemple.fr", "<speak>Attention</speak>",
            "Votre code [CODE] est compromis.", "Écrivez à aide@exemple.fr"})
    void aScamNeedsASafeWarningToSpeak(String warning) {
        assertThatThrownBy(() -> validate(answer(true, 0.9, "fake_police", List.of(4), warning)))
                .isInstanceOf(AiFailure.class).hasMessageContaining("'warning'");
    }

    @Test
    void anUnsafeWarningOnANonScamIsEmptiedNotRejected() {
        assertThat(validate(answer(false, 0.1, "none", List.of(), "Voir https://exemple.fr")).warning()).isEmpty();
        assertThat(validate(answer(false, 0.1, "none", List.of(), "Rien à signaler.")).warning()).isEqualTo("Rien à signaler.");
    }

    @Test
    void shortEmergencyNumbersMayBeSpoken() {
        assertThat(validate(answer(true, 0.9, "fake_police", List.of(4), "Raccrochez et appelez le 17.")).warning())
                .isEqualTo("Raccrochez et appelez le 17.");
    }

    @Test
    void reasonsAreTrimmedCappedAndBlankOnesDropped() {
        String longReason = "x".repeat(500);
        String json = FakeOpenAiServer.analysisJson(false, 0.2, "none",
                List.of(" a ", "", "b", "c", "d", "e", "f", "g", longReason), List.of(), "");

        AiAnalysis a = validate(json);

        assertThat(a.reasons()).hasSize(AnswerValidator.MAX_REASONS).startsWith("a", "b");
        AiAnalysis withLong = validate(FakeOpenAiServer.analysisJson(false, 0.2, "none", List.of(longReason), List.of(), ""));
        assertThat(withLong.reasons().get(0)).hasSize(AnswerValidator.MAX_REASON_CHARS).endsWith("…");
    }

    @Test
    void confidenceBoundsAreInclusive() {
        assertThat(validate(answer(true, 1.0, "fake_police", List.of(4), "Attention.")).confidence()).isEqualTo(1.0);
        assertThat(validate(answer(false, 0.0, "none", List.of(), "")).confidence()).isEqualTo(0.0);
        assertThat(validate(answer(true, 0.5, "other", List.of(), "Attention.")).scam()).isTrue();
    }
}
