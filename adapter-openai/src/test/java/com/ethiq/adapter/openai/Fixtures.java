package com.ethiq.adapter.openai;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ScamAnalyzer.AnalysisRequest;
import com.ethiq.core.port.ScamAnalyzer.Turn;
import com.ethiq.core.port.TenantSecrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Requests, settings and a tenant-key store shared by the adapter tests. */
final class Fixtures {

    static final String PLATFORM_KEY = "sk-platform-0000";
    static final String SCAM_ANSWER = com.ethiq.adapter.openai.fake.FakeOpenAiServer.analysisJson(true, 0.93,
            "fake_bank_adviser", List.of("demande un code reçu par SMS", "urgence"), List.of(2, 3),
            "Attention, cet appel ressemble à une arnaque : ne donnez aucun code.");

    private static boolean warmedUp;

    private Fixtures() {
    }

    /**
     * Runs one analysis against a throw-away fake so that class loading of the HTTP stack (seconds on a busy CI
     * machine) does not land inside a test that measures time.
     */
    static synchronized void warmUpHttpStack() {
        if (warmedUp) {
            return;
        }
        try (com.ethiq.adapter.openai.fake.FakeOpenAiServer server = com.ethiq.adapter.openai.fake.FakeOpenAiServer.start();
             OpenAiScamAnalyzer analyzer = OpenAiScamAnalyzer.create(settings(server.baseUrl())
                     .requestTimeout(Duration.ofSeconds(60)).connectTimeout(Duration.ofSeconds(30)).build())) {
            server.respondWith(com.ethiq.adapter.openai.fake.FakeOpenAiServer.completion(SCAM_ANSWER));
            analyzer.analyze(scamRequest(TenantId.random()));
        }
        warmedUp = true;
    }

    /** Fast settings for tests against the local fake (small budget, short waits). */
    static OpenAiSettings.Builder settings(String baseUrl) {
        return OpenAiSettings.builder()
                .apiKey(Secret.of(PLATFORM_KEY))
                .baseUrl(baseUrl)
                .connectTimeout(Duration.ofMillis(500))
                .requestTimeout(Duration.ofSeconds(5))
                .retry(2, Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofMillis(300))
                .maxConcurrentCalls(8)
                .tenantRateLimit(1_000, Duration.ofMinutes(1))
                .circuitBreaker(4, 4, 50, Duration.ofSeconds(30));
    }

    static AnalysisRequest request(TenantId tenant, Language language, Turn... turns) {
        return new AnalysisRequest(tenant, CallSid.of("CA" + UUID.randomUUID().toString().replace("-", "")), language,
                List.of(turns), new Verdict.Suspicious(0.45, ScamCategory.FAKE_BANK_ADVISER, List.of(), "rules"));
    }

    /** A fake-bank-adviser window, turns 0..3, holding a code, an amount, a card, a phone number and an IBAN. */
    static AnalysisRequest scamRequest(TenantId tenant) {
        return request(tenant, Language.FRENCH,
                new Turn(0, Speaker.CALLER, "Bonjour madame, service des fraudes de votre banque, un paiement de 1450 euros."),
                new Turn(1, Speaker.CALLEE, "Ma carte c'est 4970 1012 3456 7893, rappelez-moi au 06 12 34 56 78."),
                new Turn(2, Speaker.CALLER, "Virez sur FR76 3000 6000 0112 3456 7890 189 et lisez-moi le code reçu."),
                new Turn(3, Speaker.CALLEE, "Bon alors 4 8 2 9 1 7, ou jeanne.petit@orange.fr"));
    }

    /** Tenant keys in memory; only {@link #aiApiKey} is used by the adapter. */
    static final class TenantKeys implements TenantSecrets {
        final Map<TenantId, Secret> keys = new ConcurrentHashMap<>();
        volatile RuntimeException failure;

        TenantKeys with(TenantId tenant, String key) {
            keys.put(tenant, Secret.of(key));
            return this;
        }

        @Override
        public Optional<Secret> aiApiKey(TenantId tenant) {
            if (failure != null) {
                throw failure;
            }
            return Optional.ofNullable(keys.get(tenant));
        }

        @Override
        public Optional<TelephonyCredentials> telephony(TenantId tenant) {
            throw new UnsupportedOperationException("not used by the AI adapter");
        }

        @Override
        public Optional<Secret> speechServiceAccount(TenantId tenant) {
            throw new UnsupportedOperationException("not used by the AI adapter");
        }

        @Override
        public void storeTelephony(TenantId tenant, TelephonyCredentials credentials) {
            throw new UnsupportedOperationException("not used by the AI adapter");
        }

        @Override
        public void storeSecret(TenantId tenant, SecretKind kind, Secret secret) {
            throw new UnsupportedOperationException("not used by the AI adapter");
        }

        @Override
        public void remove(TenantId tenant, SecretKind kind) {
            throw new UnsupportedOperationException("not used by the AI adapter");
        }

        @Override
        public Map<SecretKind, SecretStatus> status(TenantId tenant) {
            throw new UnsupportedOperationException("not used by the AI adapter");
        }
    }
}
