package com.ethiq.core.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.contract.ScamAnalyzerContract;
import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.port.ScamAnalyzer;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import com.ethiq.core.port.ScamAnalyzer.AnalysisRequest;
import com.ethiq.core.port.ScamAnalyzer.AnalysisUnavailableException;
import com.ethiq.core.port.ScamAnalyzer.Turn;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScriptedScamAnalyzerTest extends ScamAnalyzerContract {

    private final ScriptedScamAnalyzer analyzer = new ScriptedScamAnalyzer().withDeadline(Duration.ofMillis(200));

    @Override
    protected ScamAnalyzer create() {
        return analyzer;
    }

    @Override
    protected void backendAnswers(Function<String, BackendAnswer> judge) {
        analyzer.withLatency(Duration.ZERO).alwaysAnswer(request -> {
            BackendAnswer a = judge.apply(text(request));
            return new AiAnalysis(a.scam(), a.confidence(), a.category(), a.reasons(), a.evidenceTurns(), a.warning(),
                    ScriptedScamAnalyzer.MODEL, ScriptedScamAnalyzer.USAGE);
        });
    }

    @Override
    protected void backendFails(BackendFailure failure) {
        switch (failure) {
            case OUTAGE -> analyzer.alwaysFail("outage");
            case TIMEOUT -> analyzer.withLatency(Duration.ofSeconds(2)).alwaysAnswer(ScriptedScamAnalyzer.clear());
            case MALFORMED_OUTPUT -> analyzer.alwaysFail("invalid_output");
            case REFUSAL -> analyzer.alwaysFail("refusal");
            default -> throw new IllegalArgumentException("unknown failure " + failure);
        }
    }

    @Override
    protected List<String> backendReceived() {
        return analyzer.sentRequests().stream().map(ScriptedScamAnalyzerTest::text).collect(Collectors.toList());
    }

    private static String text(AnalysisRequest request) {
        return request.window().stream().map(Turn::text).collect(Collectors.joining("\n"));
    }

    @Test
    void answersClearUntilScripted() {
        AiAnalysis analysis = new ScriptedScamAnalyzer().analyze(benignWindow());

        assertThat(analysis.scam()).isFalse();
        assertThat(analysis.model()).isEqualTo(ScriptedScamAnalyzer.MODEL);
    }

    @Test
    void oneShotStepsRunInOrderBeforeTheStandingAnswer() {
        AiAnalysis scam = ScriptedScamAnalyzer.scam(ScamCategory.FAKE_POLICE, 0.8, "Attention.", 12);
        ScriptedScamAnalyzer scripted = new ScriptedScamAnalyzer().thenFail("rate_limited").thenAnswer(scam);

        assertThatThrownBy(() -> scripted.analyze(scamWindow()))
                .isInstanceOfSatisfying(AnalysisUnavailableException.class,
                        e -> assertThat(e.vendorCode()).isEqualTo("rate_limited"));
        assertThat(scripted.analyze(scamWindow())).isEqualTo(scam);
        assertThat(scripted.analyze(scamWindow()).scam()).isFalse();
        assertThat(scripted.calls()).isEqualTo(3);
    }

    @Test
    void recordsRequestsAsReceivedAndAsTheScriptedAiSawThem() {
        ScriptedScamAnalyzer scripted = new ScriptedScamAnalyzer();
        AnalysisRequest request = request(new Turn(7, Speaker.CALLEE, "mon code c'est 4829"));

        scripted.analyze(request);

        assertThat(scripted.requests()).containsExactly(request);
        assertThat(scripted.sentRequests()).singleElement()
                .satisfies(sent -> assertThat(sent.window().get(0).text()).isEqualTo("mon code c'est [CODE]"));
    }

    @Test
    void aLatencyWithinTheDeadlineDelaysTheAnswer() {
        ScriptedScamAnalyzer scripted = new ScriptedScamAnalyzer().withLatency(Duration.ofMillis(50))
                .withDeadline(Duration.ofSeconds(1));

        long start = System.nanoTime();
        scripted.analyze(benignWindow());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void aLatencyBeyondTheDeadlineTimesOutAtTheDeadline() {
        ScriptedScamAnalyzer scripted = new ScriptedScamAnalyzer().withLatency(Duration.ofSeconds(5))
                .withDeadline(Duration.ofMillis(50));

        long start = System.nanoTime();
        assertThatThrownBy(() -> scripted.analyze(benignWindow()))
                .isInstanceOfSatisfying(AnalysisUnavailableException.class, e -> assertThat(e.vendorCode()).isEqualTo("timeout"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aResponderThrowingAnythingSurfacesAsUnavailable() {
        ScriptedScamAnalyzer scripted = new ScriptedScamAnalyzer().alwaysAnswer(request -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(() -> scripted.analyze(benignWindow()))
                .isInstanceOfSatisfying(AnalysisUnavailableException.class,
                        e -> assertThat(e.vendorCode()).isEqualTo("invalid_output"));
    }

    @Test
    void scriptingRejectsNullsNamingTheParameter() {
        ScriptedScamAnalyzer scripted = new ScriptedScamAnalyzer();
        assertThatThrownBy(() -> scripted.alwaysAnswer((AiAnalysis) null)).hasMessageContaining("'answer'");
        assertThatThrownBy(() -> scripted.withLatency(Duration.ofMillis(-1))).hasMessageContaining("'latency'");
        assertThatThrownBy(() -> scripted.analyze(null)).hasMessageContaining("'request'");
    }
}
