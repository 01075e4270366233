package com.ethiq.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ScamAnalyzer;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import com.ethiq.core.port.ScamAnalyzer.AnalysisRequest;
import com.ethiq.core.port.ScamAnalyzer.AnalysisUnavailableException;
import com.ethiq.core.port.ScamAnalyzer.Turn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link ScamAnalyzer} must do, whatever sits behind it. A fixture scripts the analyzer's backend (a fake
 * vendor server for a real adapter, the script of a scripted fake) through vendor-neutral hooks: the backend judges
 * the text it receives, or fails in a named way. Each test builds its requests with fresh tenant and call ids.
 */
public abstract class ScamAnalyzerContract {

    /** What the backend answers, before the analyzer validates it. Values may be absurd on purpose. */
    public record BackendAnswer(boolean scam, double confidence, ScamCategory category, List<String> reasons,
                                List<Integer> evidenceTurns, String warning) {
        public BackendAnswer {
            Objects.requireNonNull(category, "'category' must not be null");
            reasons = List.copyOf(reasons);
            evidenceTurns = List.copyOf(evidenceTurns);
            Objects.requireNonNull(warning, "'warning' must not be null");
        }
    }

    /** Ways the backend can fail. */
    public enum BackendFailure {
        /** The vendor answers 5xx / is unreachable. */
        OUTAGE,
        /** The vendor answers after the analyzer's deadline. */
        TIMEOUT,
        /** The answer is not the expected structure (non-JSON, truncated). */
        MALFORMED_OUTPUT,
        /** The model refuses to answer. */
        REFUSAL
    }

    /** The analyzer under test, wired to the scripted backend. */
    protected abstract ScamAnalyzer create();

    /** From now on, the backend answers each request with this function of the text it received. */
    protected abstract void backendAnswers(Function<String, BackendAnswer> judge);

    /** From now on, the backend fails this way. */
    protected abstract void backendFails(BackendFailure failure);

    /** Every text that reached the backend so far (what left the process). */
    protected abstract List<String> backendReceived();

    /** How long a failure may take to surface (the analyzer's deadline plus slack). */
    protected Duration failureBound() {
        return Duration.ofSeconds(5);
    }

    protected static final String WARNING = "Attention, cet appel ressemble à une arnaque : ne donnez aucun code.";

    /** Scam if the received text mentions a code; cites the turns of the scam window. */
    protected static BackendAnswer judge(String text) {
        if (text.contains("code")) {
            return new BackendAnswer(true, 0.92, ScamCategory.FAKE_BANK_ADVISER, List.of("demande un code reçu par SMS"),
                    List.of(12, 13), WARNING);
        }
        return new BackendAnswer(false, 0.04, ScamCategory.NONE, List.of("rendez-vous médical ordinaire"), List.of(), "");
    }

    protected static AnalysisRequest request(Turn... turns) {
        return new AnalysisRequest(TenantId.random(), CallSid.of("CA" + UUID.randomUUID().toString().replace("-", "")),
                Language.FRENCH, List.of(turns), new Verdict.Suspicious(0.4, ScamCategory.FAKE_BANK_ADVISER, List.of(), "rules"));
    }

    protected static AnalysisRequest scamWindow() {
        return request(
                new Turn(10, Speaker.CALLER, "Bonjour madame, ici le service des fraudes de votre banque."),
                new Turn(11, Speaker.CALLEE, "Ah bon, il y a un problème ?"),
                new Turn(12, Speaker.CALLER, "Une opération de 1450 euros. Je vous envoie un code par SMS, lisez-le moi."),
                new Turn(13, Speaker.CALLEE, "Bon alors 4 8 2 9 1 7"));
    }

    protected static AnalysisRequest benignWindow() {
        return request(
                new Turn(0, Speaker.CALLER, "Bonjour, cabinet du docteur Martin, je confirme votre rendez-vous de jeudi à 10 heures."),
                new Turn(1, Speaker.CALLEE, "Oui c'est noté, merci beaucoup."));
    }

    @Test
    void aScamWindowGetsAValidatedAnalysis() {
        backendAnswers(ScamAnalyzerContract::judge);
        AnalysisRequest request = scamWindow();

        AiAnalysis analysis = create().analyze(request);

        assertThat(analysis.scam()).isTrue();
        assertThat(analysis.category()).isEqualTo(ScamCategory.FAKE_BANK_ADVISER);
        assertThat(analysis.confidence()).isBetween(0.0, 1.0).isEqualTo(0.92);
        assertThat(analysis.evidenceTurns()).containsExactly(12, 13);
        assertThat(analysis.reasons()).containsExactly("demande un code reçu par SMS");
        assertThat(analysis.warning()).isEqualTo(WARNING);
        assertThat(analysis.model()).isNotBlank();
        assertThat(analysis.usage().promptTokens()).isNotNegative();
        assertThat(analysis.usage().completionTokens()).isNotNegative();
    }

    @Test
    void aBenignWindowGetsAClearAnswer() {
        backendAnswers(ScamAnalyzerContract::judge);

        AiAnalysis analysis = create().analyze(benignWindow());

        assertThat(analysis.scam()).isFalse();
        assertThat(analysis.category()).isEqualTo(ScamCategory.NONE);
        assertThat(analysis.confidence()).isEqualTo(0.04);
        assertThat(analysis.evidenceTurns()).isEmpty();
    }

    @Test
    void personalDataNeverReachesTheBackend() {
        backendAnswers(ScamAnalyzerContract::judge);
        AnalysisRequest request = request(
                new Turn(3, Speaker.CALLER, "Pour votre banque, donnez-moi votre carte et votre IBAN."),
                new Turn(4, Speaker.CALLEE, "La carte c'est 4970 1012 3456 7893 et l'IBAN FR76 3000 6000 0112 3456 7890 189."),
                new Turn(5, Speaker.CALLEE, "Rappelez-moi au 06 12 34 56 78 ou écrivez à jeanne.petit@orange.fr"));

        create().analyze(request);

        String sent = String.join("\n", backendReceived());
        assertThat(sent).contains("banque");
        assertThat(sent).doesNotContain("4970", "7893", "06 12 34 56 78", "0612345678", "FR76", "3456 7890",
                "jeanne.petit", "orange.fr");
    }

    @ParameterizedTest
    @EnumSource(BackendFailure.class)
    void failuresSurfaceAsAnalysisUnavailableOnly(BackendFailure failure) {
        backendFails(failure);
        ScamAnalyzer analyzer = create();

        long start = System.nanoTime();
        Throwable thrown = catchFailure(() -> analyzer.analyze(scamWindow()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(thrown).isExactlyInstanceOf(AnalysisUnavailableException.class);
        assertNoVendorTypeIn(thrown);
        assertThat(took).isLessThan(failureBound());
    }

    @Test
    void anAbsurdConfidenceIsNeverReturned() {
        backendAnswers(text -> new BackendAnswer(true, 7.0, ScamCategory.FAKE_BANK_ADVISER, List.of("sure"), List.of(12), WARNING));

        assertThatThrownBy(() -> create().analyze(scamWindow())).isExactlyInstanceOf(AnalysisUnavailableException.class);
    }

    @Test
    void evidenceOutsideTheWindowIsNeverReturned() {
        backendAnswers(text -> new BackendAnswer(true, 0.9, ScamCategory.FAKE_BANK_ADVISER, List.of("turn 99"), List.of(99), WARNING));

        assertThatThrownBy(() -> create().analyze(scamWindow())).isExactlyInstanceOf(AnalysisUnavailableException.class);
    }

    @Test
    void aFailureDoesNotStopLaterAnalyses() {
        ScamAnalyzer analyzer = create();
        backendFails(BackendFailure.MALFORMED_OUTPUT);
        assertThatThrownBy(() -> analyzer.analyze(scamWindow())).isInstanceOf(AnalysisUnavailableException.class);

        backendAnswers(ScamAnalyzerContract::judge);

        assertThat(analyzer.analyze(scamWindow()).scam()).isTrue();
    }

    @Test
    void concurrentAnalysesGetTheirOwnAnswers() throws Exception {
        Pattern marker = Pattern.compile("dossier ([a-z]+)");
        backendAnswers(text -> {
            Matcher m = marker.matcher(text);
            String found = m.find() ? m.group(1) : "none";
            return new BackendAnswer(false, 0.1, ScamCategory.NONE, List.of(found), List.of(), "");
        });
        ScamAnalyzer analyzer = create();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String name = letters(i);
                futures.add(pool.submit(() -> {
                    AiAnalysis analysis = analyzer.analyze(request(
                            new Turn(0, Speaker.CALLER, "Bonjour, je vous appelle pour le dossier " + name + "."),
                            new Turn(1, Speaker.CALLEE, "Oui, allez-y.")));
                    assertThat(analysis.reasons()).containsExactly(name);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Letters only, so that the marker survives redaction: 0 → "ba", 1 → "bb"... */
    private static String letters(int i) {
        return "" + (char) ('b' + i / 26) + (char) ('a' + i % 26);
    }

    private static Throwable catchFailure(Runnable call) {
        try {
            call.run();
        } catch (Throwable t) {
            return t;
        }
        return fail("expected the analysis to fail");
    }

    private static void assertNoVendorTypeIn(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            assertThat(name.startsWith("java.") || name.startsWith("com.ethiq."))
                    .as("vendor type %s in the cause chain", name).isTrue();
        }
    }
}
