package com.ethiq.adapter.openai;

import com.ethiq.adapter.openai.fake.FakeOpenAiServer;
import com.ethiq.core.contract.ScamAnalyzerContract;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.port.ScamAnalyzer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The real adapter against the local fake OpenAI server. */
class OpenAiScamAnalyzerContractTest extends ScamAnalyzerContract {

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final List<OpenAiScamAnalyzer> created = new ArrayList<>();

    @BeforeAll
    static void warmUp() {
        Fixtures.warmUpHttpStack();
    }

    @AfterEach
    void stop() {
        created.forEach(OpenAiScamAnalyzer::close);
        server.close();
    }

    @Override
    protected ScamAnalyzer create() {
        OpenAiScamAnalyzer analyzer = OpenAiScamAnalyzer.create(OpenAiSettings.builder()
                .apiKey(Secret.of("sk-contract-test"))
                .baseUrl(server.baseUrl())
                .connectTimeout(Duration.ofMillis(500))
                .requestTimeout(Duration.ofMillis(1500))
                .retry(2, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(300))
                .maxConcurrentCalls(64)
                .tenantRateLimit(1000, Duration.ofMinutes(1))
                .build());
        created.add(analyzer);
        return analyzer;
    }

    @Override
    protected void backendAnswers(Function<String, BackendAnswer> judge) {
        server.respondWith(request -> {
            BackendAnswer a = judge.apply(request.userMessage());
            return FakeOpenAiServer.analysis(a.scam(), a.confidence(), a.category().wire(), a.reasons(),
                    a.evidenceTurns(), a.warning());
        });
    }

    @Override
    protected void backendFails(BackendFailure failure) {
        switch (failure) {
            case OUTAGE -> server.respondWith(FakeOpenAiServer.error(503, "server_error", "The server is overloaded"));
            case TIMEOUT -> server.respondWith(FakeOpenAiServer.completion("{}").delayed(Duration.ofSeconds(4)));
            case MALFORMED_OUTPUT -> server.respondWith(FakeOpenAiServer.completion("{\"reasons\": [\"demande un co"));
            case REFUSAL -> server.respondWith(FakeOpenAiServer.refusal("I can't help with that."));
            default -> throw new IllegalArgumentException("unknown failure " + failure);
        }
    }

    @Override
    protected List<String> backendReceived() {
        return server.requests().stream().map(FakeOpenAiServer.RecordedRequest::body).toList();
    }

    @Override
    protected Duration failureBound() {
        return Duration.ofSeconds(3);
    }
}
