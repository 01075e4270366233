package com.ethiq.adapter.openai;

import static com.ethiq.adapter.openai.Fixtures.SCAM_ANSWER;
import static com.ethiq.adapter.openai.Fixtures.scamRequest;
import static com.ethiq.adapter.openai.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.adapter.openai.fake.FakeOpenAiServer;
import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import com.ethiq.core.port.ScamAnalyzer.AnalysisRequest;
import com.ethiq.core.port.ScamAnalyzer.AnalysisUnavailableException;
import com.ethiq.core.port.ScamAnalyzer.TokenUsage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What comes back: validation of the model's output end to end, metering, the request log. */
class OpenAiScamAnalyzerOutputTest {

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final List<AiRequestRecord> records = new CopyOnWriteArrayList<>();
    private final OpenAiScamAnalyzer analyzer = OpenAiScamAnalyzer.builder(settings(server.baseUrl()).build())
            .requestLog(records::add).build();

    @AfterEach
    void stop() {
        analyzer.close();
        server.close();
    }

    record BadOutput(String name, FakeOpenAiServer.Reply reply, AiOutcome outcome, String vendorCode) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<BadOutput> badOutputs() {
        return List.of(
                new BadOutput("truncated at the token limit", FakeOpenAiServer.truncated("{\"reasons\":[\"demande un co"),
                        AiOutcome.INVALID_OUTPUT, "invalid_output"),
                new BadOutput("prose instead of JSON", FakeOpenAiServer.completion("Oui, c'est sûrement une arnaque."),
                        AiOutcome.INVALID_OUTPUT, "invalid_output"),
                new BadOutput("empty content", FakeOpenAiServer.completion(""), AiOutcome.INVALID_OUTPUT, "invalid_output"),
                new BadOutput("refusal", FakeOpenAiServer.refusal("I'm sorry, I can't help with that."),
                        AiOutcome.REFUSED, "refusal"),
                new BadOutput("content filter", FakeOpenAiServer.completion(null, "content_filter", 100, 0),
                        AiOutcome.REFUSED, "content_filter"),
                new BadOutput("confidence 7", FakeOpenAiServer.analysis(true, 7, "fake_bank_adviser", List.of("x"),
                        List.of(2), "Attention."), AiOutcome.INVALID_OUTPUT, "invalid_output"),
                new BadOutput("unknown category", FakeOpenAiServer.analysis(true, 0.9, "alien_abduction", List.of("x"),
                        List.of(2), "Attention."), AiOutcome.INVALID_OUTPUT, "invalid_output"),
                new BadOutput("evidence outside the window", FakeOpenAiServer.analysis(true, 0.9, "fake_bank_adviser",
                        List.of("x"), List.of(42), "Attention."), AiOutcome.INVALID_OUTPUT, "invalid_output"),
                new BadOutput("unreadable envelope", FakeOpenAiServer.raw(200, "<html>gateway</html>"),
                        AiOutcome.VENDOR_ERROR, "invalid_response"));
    }

    @ParameterizedTest
    @MethodSource("badOutputs")
    void badOutputIsUnavailableAndStillMetered(BadOutput bad) {
        server.respondWith(bad.reply());

        assertThatThrownBy(() -> analyzer.analyze(scamRequest(TenantId.random())))
                .isInstanceOfSatisfying(AnalysisUnavailableException.class, e -> {
                    assertThat(e.vendorCode()).isEqualTo(bad.vendorCode());
                    assertThat(e.getCause()).isNull();
                });
        assertThat(server.requestCount()).as("output problems are not retried").isEqualTo(1);
        AiRequestRecord record = records.get(0);
        assertThat(record.outcome()).isEqualTo(bad.outcome());
        if (bad.reply().status() == 200 && bad.outcome() != AiOutcome.VENDOR_ERROR) {
            assertThat(record.promptTokens()).as("billed tokens are recorded even when unusable").isPositive();
        }
    }

    @Test
    void aValidAnswerCarriesTheModelAndTokenUsage() {
        server.respondWith(FakeOpenAiServer.completion(SCAM_ANSWER, "stop", 812, 64));

        AiAnalysis analysis = analyzer.analyze(scamRequest(TenantId.random()));

        assertThat(analysis.scam()).isTrue();
        assertThat(analysis.category()).isEqualTo(ScamCategory.FAKE_BANK_ADVISER);
        assertThat(analysis.confidence()).isEqualTo(0.93);
        assertThat(analysis.reasons()).containsExactly("demande un code reçu par SMS", "urgence");
        assertThat(analysis.evidenceTurns()).containsExactly(2, 3);
        assertThat(analysis.warning()).startsWith("Attention");
        assertThat(analysis.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(analysis.usage()).isEqualTo(new TokenUsage(812, 64));
    }

    @Test
    void theRequestLogGetsCountsAndIdsButNoTranscript() {
        server.respondWith(FakeOpenAiServer.completion(SCAM_ANSWER, "stop", 812, 64));
        AnalysisRequest request = scamRequest(TenantId.random());

        analyzer.analyze(request);

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.tenant()).isEqualTo(request.tenant());
            assertThat(r.callSid()).isEqualTo(request.callSid());
            assertThat(r.outcome()).isEqualTo(AiOutcome.SUCCESS);
            assertThat(r.vendorCode()).isNull();
            assertThat(r.model()).isEqualTo("gpt-4o-mini-2024-07-18");
            assertThat(r.promptTokens()).isEqualTo(812);
            assertThat(r.completionTokens()).isEqualTo(64);
            assertThat(r.totalTokens()).isEqualTo(876);
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.latency()).isPositive();
            assertThat(r.redactions()).isEqualTo(5);
            assertThat(r.toString()).doesNotContain("banque", "4970", "4 8 2 9", "FR76", "jeanne", "Attention");
        });
    }

    @Test
    void aFailingRequestLogDoesNotBreakTheAnalysis() {
        server.respondWith(FakeOpenAiServer.completion(SCAM_ANSWER));
        try (OpenAiScamAnalyzer throwing = OpenAiScamAnalyzer.builder(settings(server.baseUrl()).build())
                .requestLog(r -> {
                    throw new IllegalStateException("log store down");
                }).build()) {
            assertThat(throwing.analyze(scamRequest(TenantId.random())).scam()).isTrue();
        }
    }

    @Test
    void evidenceIsSortedAndDeduplicatedAndBlankReasonsDropped() {
        server.respondWith(FakeOpenAiServer.analysis(true, 0.8, "fake_courier", List.of("  coursier  ", " ", "secret"),
                List.of(3, 1, 3), "Attention, ne remettez votre carte à personne."));

        AiAnalysis analysis = analyzer.analyze(scamRequest(TenantId.random()));

        assertThat(analysis.evidenceTurns()).containsExactly(1, 3);
        assertThat(analysis.reasons()).containsExactly("coursier", "secret");
    }
}
