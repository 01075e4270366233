package com.ethiq.adapter.openai;

import static com.ethiq.adapter.openai.Fixtures.SCAM_ANSWER;
import static com.ethiq.adapter.openai.Fixtures.scamRequest;
import static com.ethiq.adapter.openai.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.fake.MutableClock;
import com.ethiq.adapter.openai.fake.FakeOpenAiServer;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import com.ethiq.core.port.ScamAnalyzer.AnalysisUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Retries, timeouts, vendor errors, circuit breaker, bulkhead and per-tenant rate limit. */
class OpenAiScamAnalyzerResilienceTest {

    private final FakeOpenAiServer server = FakeOpenAiServer.start().respondWith(FakeOpenAiServer.completion(SCAM_ANSWER));
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final List<AiRequestRecord> records = new CopyOnWriteArrayList<>();
    private final List<OpenAiScamAnalyzer> analyzers = new ArrayList<>();

    @BeforeAll
    static void warmUp() {
        Fixtures.warmUpHttpStack();
    }

    @AfterEach
    void stop() {
        analyzers.forEach(OpenAiScamAnalyzer::close);
        server.close();
    }

    private OpenAiScamAnalyzer analyzer(OpenAiSettings settings) {
        return analyzer(settings, null);
    }

    private OpenAiScamAnalyzer analyzer(OpenAiSettings settings, Fixtures.TenantKeys keys) {
        OpenAiScamAnalyzer.Builder b = OpenAiScamAnalyzer.builder(settings).requestLog(records::add).clock(clock);
        if (keys != null) {
            b.tenantSecrets(keys);
        }
        OpenAiScamAnalyzer a = b.build();
        analyzers.add(a);
        return a;
    }

    private static AnalysisUnavailableException unavailable(Runnable call) {
        try {
            call.run();
        } catch (AnalysisUnavailableException e) {
            return e;
        }
        throw new AssertionError("expected AnalysisUnavailableException");
    }

    private static Duration timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private AiRequestRecord lastRecord() {
        return records.get(records.size() - 1);
    }

    @Nested
    class Retries {
        @Test
        void a429IsRetriedAfterTheRetryAfterMsItAsks() {
            server.enqueue(FakeOpenAiServer.rateLimited(Duration.ofMillis(300)));
            OpenAiScamAnalyzer analyzer = analyzer(settings(server.baseUrl()).build());

            Duration took = timed(() -> assertThat(analyzer.analyze(scamRequest(TenantId.random())).scam()).isTrue());

            assertThat(server.requestCount()).isEqualTo(2);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(lastRecord().attempts()).isEqualTo(2);
            assertThat(lastRecord().outcome()).isEqualTo(AiOutcome.SUCCESS);
        }

        @Test
        void a429RetryAfterInSecondsIsHonouredToo() {
            server.enqueue(FakeOpenAiServer.error(429, "rate_limit_exceeded", "slow down").withHeader("retry-after", "1"));
            OpenAiScamAnalyzer analyzer = analyzer(settings(server.baseUrl()).build());

            Duration took = timed(() -> analyzer.analyze(scamRequest(TenantId.random())));

            assertThat(server.requestCount()).isEqualTo(2);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }

        @Test
        void aRetryAfterLongerThanTheCallCanWaitFailsAtOnce() {
            server.enqueue(FakeOpenAiServer.rateLimited(Duration.ofSeconds(20)));
            OpenAiScamAnalyzer analyzer = analyzer(settings(server.baseUrl()).build());

            AnalysisUnavailableException[] e = new AnalysisUnavailableException[1];
            Duration took = timed(() -> e[0] = unavailable(() -> analyzer.analyze(scamRequest(TenantId.random()))));

            assertThat(e[0].vendorCode()).isEqualTo("rate_limit_exceeded");
            assertThat(e[0].permanent()).isFalse();
            assertThat(server.requestCount()).isEqualTo(1);
            assertThat(took).isLessThan(Duration.ofSeconds(2));
            assertThat(lastRecord().outcome()).isEqualTo(AiOutcome.VENDOR_RATE_LIMITED);
        }

        @Test
        void aServerErrorIsRetriedOnce() {
            server.enqueue(FakeOpenAiServer.error(500, "server_error", "boom"));
            OpenAiScamAnalyzer analyzer = analyzer(settings(server.baseUrl()).build());

            assertThat(analyzer.analyze(scamRequest(TenantId.random())).scam()).isTrue();
            assertThat(server.requestCount()).isEqualTo(2);
        }

        @Test
        void aPersistentServerErrorEndsUnavailableAfterMaxAttempts() {
            server.respondWith(FakeOpenAiServer.error(500, "server_error", "boom"));
            OpenAiScamAnalyzer analyzer = analyzer(settings(server.baseUrl()).build());

            AnalysisUnavailableException e = unavailable(() -> analyzer.analyze(scamRequest(TenantId.random())));

            assertThat(e.vendorCode()).isEqualTo("server_error");
            assertThat(e.getCause()).isNull();
            assertThat(server.requestCount()).isEqualTo(2);
            assertThat(lastRecord().outcome()).isEqualTo(AiOutcome.VENDOR_ERROR);
        }

        @Test
        void xShouldRetryFalseIsObeyed() {
            server.enqueue(FakeOpenAiServer.error(503, "server_error", "no").withHeader("x-should-retry", "false"));
            OpenAiScamAnalyzer analyzer = analyzer(settings(server.baseUrl()).build());

            unavailable(() -> analyzer.analyze(scamRequest(TenantId.random())));

            assertThat(server.requestCount()).isEqualTo(1);
        }

        @Test
        void badCredentialsArePermanentAndNotRetried() {
            server.respondWith(FakeOpenAiServer.error(401, "invalid_api_key", "Incorrect API key provided"));
            OpenAiScamAnalyzer analyzer = analyzer(settings(server.baseUrl()).build());

            AnalysisUnavailableException e = unavailable(() -> analyzer.analyze(scamRequest(TenantId.random())));

            assertThat(e.permanent()).isTrue();
            assertThat(e.vendorCode()).isEqualTo("invalid_api_key");
            assertThat(e.getMessage()).doesNotContain("Incorrect API key"); // vendor text stays out
            assertThat(server.requestCount()).isEqualTo(1);
            assertThat(lastRecord().outcome()).isEqualTo(AiOutcome.AUTH_FAILED);
        }

        @Test
        void anExhaustedQuotaIsPermanentAndNotRetried() {
            server.respondWith(FakeOpenAiServer.error(429, "insufficient_quota", "You exceeded your current quota"));
            OpenAiScamAnalyzer analyzer = analyzer(settings(server.baseUrl()).build());

            AnalysisUnavailableException e = unavailable(() -> analyzer.analyze(scamRequest(TenantId.random())));

            assertThat(e.permanent()).isTrue();
            assertThat(server.requestCount()).isEqualTo(1);
            assertThat(lastRecord().outcome()).isEqualTo(AiOutcome.QUOTA_EXCEEDED);
        }

        @Test
        void aBadRequestIsNotRetried() {
            server.respondWith(FakeOpenAiServer.error(400, "context_length_exceeded", "too long"));
            OpenAiScamAnalyzer analyzer = analyzer(settings(server.baseUrl()).build());

            assertThat(unavailable(() -> analyzer.analyze(scamRequest(TenantId.random()))).vendorCode())
                    .isEqualTo("context_length_exceeded");
            assertThat(server.requestCount()).isEqualTo(1);
            assertThat(lastRecord().outcome()).isEqualTo(AiOutcome.BAD_REQUEST);
        }
    }

    @Nested
    class Timeouts {
        @Test
        void aSlowServerEndsUnavailableWithinTheBudget() {
            server.respondWith(FakeOpenAiServer.completion(SCAM_ANSWER).delayed(Duration.ofSeconds(5)));
            OpenAiScamAnalyzer analyzer = analyzer(settings(server.baseUrl())
                    .connectTimeout(Duration.ofMillis(300)).requestTimeout(Duration.ofMillis(700)).build());

            AnalysisUnavailableException[] e = new AnalysisUnavailableException[1];
            Duration took = timed(() -> e[0] = unavailable(() -> analyzer.analyze(scamRequest(TenantId.random()))));

            assertThat(e[0].vendorCode()).isEqualTo("timeout");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(600)).isLessThan(Duration.ofMillis(2_500));
            assertThat(server.requestCount()).isEqualTo(1); // no time left for a second attempt
            assertThat(lastRecord().outcome()).isEqualTo(AiOutcome.TIMEOUT);
        }

        @Test
        void anUnreachableEndpointEndsUnavailableQuickly() {
            OpenAiScamAnalyzer analyzer = analyzer(settings("http://127.0.0.1:1/v1").build());

            AnalysisUnavailableException[] e = new AnalysisUnavailableException[1];
            Duration took = timed(() -> e[0] = unavailable(() -> analyzer.analyze(scamRequest(TenantId.random()))));

            assertThat(e[0].vendorCode()).isEqualTo("io_error");
            assertThat(took).isLessThan(Duration.ofSeconds(3));
            assertThat(lastRecord().attempts()).isEqualTo(2);
        }
    }

    @Nested
    class CircuitBreaker {
        private OpenAiSettings noRetry() {
            return settings(server.baseUrl()).retry(1, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofMillis(100))
                    .circuitBreaker(4, 4, 50, Duration.ofSeconds(30)).build();
        }

        @Test
        void opensAfterRepeatedFailuresThenShortCircuitsWithoutSending() {
            server.respondWith(FakeOpenAiServer.error(503, "server_error", "down"));
            OpenAiScamAnalyzer analyzer = analyzer(noRetry());
            for (int i = 0; i < 4; i++) {
                unavailable(() -> analyzer.analyze(scamRequest(TenantId.random())));
            }
            assertThat(server.requestCount()).isEqualTo(4);

            AnalysisUnavailableException[] e = new AnalysisUnavailableException[1];
            Duration took = timed(() -> e[0] = unavailable(() -> analyzer.analyze(scamRequest(TenantId.random()))));

            assertThat(e[0].vendorCode()).isEqualTo("circuit_open");
            assertThat(server.requestCount()).isEqualTo(4);
            assertThat(took).isLessThan(Duration.ofMillis(500));
            assertThat(lastRecord().outcome()).isEqualTo(AiOutcome.CIRCUIT_OPEN);
            assertThat(lastRecord().attempts()).isZero();
        }

        @Test
        void letsProbesThroughAfterTheOpenDurationAndClosesOnSuccess() {
            server.respondWith(FakeOpenAiServer.error(503, "server_error", "down"));
            OpenAiScamAnalyzer analyzer = analyzer(noRetry());
            for (int i = 0; i < 4; i++) {
                unavailable(() -> analyzer.analyze(scamRequest(TenantId.random())));
            }
            server.respondWith(FakeOpenAiServer.completion(SCAM_ANSWER));
            assertThat(unavailable(() -> analyzer.analyze(scamRequest(TenantId.random()))).vendorCode()).isEqualTo("circuit_open");

            clock.advance(Duration.ofSeconds(31));

            assertThat(analyzer.analyze(scamRequest(TenantId.random())).scam()).isTrue();
            assertThat(analyzer.analyze(scamRequest(TenantId.random())).scam()).isTrue();
            assertThat(analyzer.analyze(scamRequest(TenantId.random())).scam()).isTrue();
            assertThat(server.requestCount()).isEqualTo(7);
        }

        @Test
        void isPerKeySoATenantWithItsOwnKeyIsNotShortCircuitedByThePlatformKey() {
            TenantId own = TenantId.random();
            server.respondWith(request -> request.header("authorization").endsWith("sk-tenant-own")
                    ? FakeOpenAiServer.completion(SCAM_ANSWER) : FakeOpenAiServer.error(503, "server_error", "down"));
            OpenAiScamAnalyzer analyzer = analyzer(noRetry(), new Fixtures.TenantKeys().with(own, "sk-tenant-own"));
            for (int i = 0; i < 5; i++) {
                unavailable(() -> analyzer.analyze(scamRequest(TenantId.random())));
            }
            assertThat(lastRecord().outcome()).isEqualTo(AiOutcome.CIRCUIT_OPEN);

            assertThat(analyzer.analyze(scamRequest(own)).scam()).isTrue();
        }

        @Test
        void refusalsAndBadRequestsDoNotOpenIt() {
            server.respondWith(FakeOpenAiServer.refusal("no"));
            OpenAiScamAnalyzer analyzer = analyzer(noRetry());
            for (int i = 0; i < 4; i++) {
                unavailable(() -> analyzer.analyze(scamRequest(TenantId.random())));
            }
            server.respondWith(FakeOpenAiServer.error(400, "invalid_request_error", "bad"));
            for (int i = 0; i < 4; i++) {
                unavailable(() -> analyzer.analyze(scamRequest(TenantId.random())));
            }
            server.respondWith(FakeOpenAiServer.completion(SCAM_ANSWER));

            assertThat(analyzer.analyze(scamRequest(TenantId.random())).scam()).isTrue();
            assertThat(server.requestCount()).isEqualTo(9);
        }
    }

    @Nested
    class Bulkhead {
        @Test
        void aCallBeyondTheBulkheadIsRefusedImmediatelyWithoutSending() throws Exception {
            server.respondWith(FakeOpenAiServer.completion(SCAM_ANSWER).delayed(Duration.ofMillis(1_500)));
            OpenAiScamAnalyzer analyzer = analyzer(settings(server.baseUrl()).maxConcurrentCalls(2).build());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<AiAnalysis>> inFlight = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    inFlight.add(pool.submit(() -> analyzer.analyze(scamRequest(TenantId.random()))));
                }
                assertThat(server.awaitRequests(2, Duration.ofSeconds(5))).isTrue();

                AnalysisUnavailableException[] e = new AnalysisUnavailableException[1];
                Duration took = timed(() -> e[0] = unavailable(() -> analyzer.analyze(scamRequest(TenantId.random()))));

                assertThat(e[0].vendorCode()).isEqualTo("bulkhead_full");
                assertThat(took).isLessThan(Duration.ofMillis(300));
                assertThat(server.requestCount()).isEqualTo(2);
                for (Future<AiAnalysis> f : inFlight) {
                    assertThat(f.get(10, TimeUnit.SECONDS).scam()).isTrue();
                }
                server.respondWith(FakeOpenAiServer.completion(SCAM_ANSWER));
                assertThat(analyzer.analyze(scamRequest(TenantId.random())).scam()).isTrue(); // permits came back
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class TenantRateLimit {
        @Test
        void aTenantOverItsBudgetIsRefusedWithoutSendingWhileOthersGoOn() {
            OpenAiScamAnalyzer analyzer = analyzer(settings(server.baseUrl()).tenantRateLimit(2, Duration.ofMinutes(1)).build());
            TenantId busy = TenantId.random();
            Supplier<Boolean> busyCall = () -> analyzer.analyze(scamRequest(busy)).scam();

            assertThat(busyCall.get()).isTrue();
            assertThat(busyCall.get()).isTrue();
            assertThat(unavailable(busyCall::get).vendorCode()).isEqualTo("tenant_rate_limited");
            assertThat(server.requestCount()).isEqualTo(2);
            assertThat(analyzer.analyze(scamRequest(TenantId.random())).scam()).isTrue();

            clock.advance(Duration.ofSeconds(61));

            assertThat(busyCall.get()).isTrue();
        }
    }
}
