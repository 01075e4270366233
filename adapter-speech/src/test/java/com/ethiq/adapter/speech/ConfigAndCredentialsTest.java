package com.ethiq.adapter.speech;

import static com.ethiq.core.contract.SpeechTranscriberContract.newCallSid;
import static com.ethiq.core.contract.SpeechTranscriberContract.pushFrames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.fake.MutableClock;
import com.ethiq.adapter.speech.fake.FakeSpeechAudio;
import com.ethiq.adapter.speech.fake.FakeSpeechServer;
import com.ethiq.adapter.speech.fake.FakeSpeechServer.StreamRecord;
import com.ethiq.core.contract.SpeechTranscriberContract.Recorder;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionRequest;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionStream;
import com.ethiq.core.port.TenantSecrets;
import com.google.cloud.speech.v1.RecognitionConfig;
import com.google.cloud.speech.v1.StreamingRecognitionConfig;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the first request says, whose credentials sign it, and the plain-text TCP path a local app can use. */
class ConfigAndCredentialsTest extends FakeServiceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void theFirstRequestAsksForTelephonyMuLawInTheCallsLanguageWithBoostedHints() {
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings().build());
        String tooLong = "x".repeat(RecognitionConfigs.MAX_PHRASE_CHARS + 1);
        transcribe(new TranscriptionRequest(TenantId.random(), newCallSid(), Speaker.CALLER, Language.FRENCH,
                List.of("code confidentiel", " ", tooLong, "carte bleue", "code confidentiel")));
        transcribe(new TranscriptionRequest(TenantId.random(), newCallSid(), Speaker.CALLEE, Language.ENGLISH, List.of()));

        StreamingRecognitionConfig french = server.streams().get(0).config();
        RecognitionConfig config = french.getConfig();
        assertThat(config.getEncoding()).isEqualTo(RecognitionConfig.AudioEncoding.MULAW);
        assertThat(config.getSampleRateHertz()).isEqualTo(8000);
        assertThat(config.getAudioChannelCount()).isEqualTo(1);
        assertThat(config.getLanguageCode()).isEqualTo("fr-FR");
        assertThat(config.getModel()).isEqualTo("telephony");
        assertThat(config.getEnableAutomaticPunctuation()).isTrue();
        assertThat(config.getMaxAlternatives()).isEqualTo(3); // the others go to detection
        assertThat(config.getAlternativeLanguageCodesList()).isEmpty();
        assertThat(config.getSpeechContextsList()).singleElement().satisfies(context -> {
            assertThat(context.getPhrasesList()).containsExactly("code confidentiel", "carte bleue");
            assertThat(context.getBoost()).isEqualTo(8.0f);
        });
        assertThat(french.getInterimResults()).isTrue();
        assertThat(french.getSingleUtterance()).isFalse();
        RecognitionConfig english = server.streams().get(1).config().getConfig();
        assertThat(english.getLanguageCode()).isEqualTo("en-US");
        assertThat(english.getSpeechContextsList()).isEmpty();
    }

    @Test
    void alternativeLanguagesAndBoostComeFromTheSettings() {
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings()
                .alternativeLanguages(List.of("en-US")).phraseBoost(15f).build());
        transcribe(new TranscriptionRequest(TenantId.random(), newCallSid(), Speaker.CALLER, Language.FRENCH, List.of("virement")));

        RecognitionConfig config = server.streams().get(0).config().getConfig();
        assertThat(config.getAlternativeLanguageCodesList()).containsExactly("en-US");
        assertThat(config.getSpeechContexts(0).getBoost()).isEqualTo(15f);
    }

    @Test
    void aTenantsOwnServiceAccountSignsItsStreamsAndIsCachedUntilRotated() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
        TestSecrets secrets = new TestSecrets();
        TenantId own = TenantId.random();
        TenantId shared = TenantId.random();
        ServiceAccount account = ServiceAccount.generate("speech@tenant-a.iam.gserviceaccount.com");
        secrets.speech.put(own, Secret.of(account.json()));
        transcriber = new GoogleSpeechTranscriber(SpeechTestKit.fastSettings().build(), secrets, clock, new InProcessTransport(server));

        transcribe(request(own));
        transcribe(request(shared));
        transcribe(request(own));

        List<StreamRecord> streams = server.streams();
        assertThat(streams.get(1).authorization()).as("application default credentials: none in tests").isNull();
        for (StreamRecord s : List.of(streams.get(0), streams.get(2))) {
            assertThat(s.authorization()).startsWith("Bearer ");
            account.assertSigned(s.authorization().substring("Bearer ".length()));
        }
        assertThat(transcriber.createdClients()).as("default + one per tenant with its own key").isEqualTo(2);
        assertThat(secrets.lookups.get()).as("lookups are cached").isEqualTo(2);

        ServiceAccount rotated = ServiceAccount.generate("speech@tenant-a.iam.gserviceaccount.com");
        secrets.speech.put(own, Secret.of(rotated.json()));
        clock.advance(Duration.ofMinutes(6));
        transcribe(request(own));

        rotated.assertSigned(server.streams().get(3).authorization().substring("Bearer ".length()));
        assertThat(transcriber.createdClients()).isEqualTo(3);
        assertThat(transcriber.liveClients()).as("the old key's client was closed").isEqualTo(2);
    }

    @Test
    void anUnusableServiceAccountFailsTheTrackWithoutQuotingIt() {
        TestSecrets secrets = new TestSecrets();
        TenantId tenant = TenantId.random();
        secrets.speech.put(tenant, Secret.of("{\"type\":\"service_account\",\"private_key\":\"SECRET-MATERIAL\"}"));
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings().build(), secrets);

        Recorder recorder = transcribe(request(tenant));

        assertThat(recorder.failures()).singleElement().satisfies(f -> {
            assertThat(f.permanent()).isTrue();
            assertThat(f.reason()).contains("service account").doesNotContain("SECRET-MATERIAL");
        });
        assertThat(server.streams()).isEmpty();
    }

    @Test
    void thePublicSettingsReachAFakeServerOverPlainTextTcp() {
        server.close();
        server = FakeSpeechServer.tcp();
        TenantSecrets mustNotBeAsked = new TestSecrets() {
            @Override
            public Optional<Secret> speechServiceAccount(TenantId tenant) {
                throw new AssertionError("credentials cannot travel over plain text: not even looked up");
            }
        };
        transcriber = new GoogleSpeechTranscriber(GoogleSpeechSettings.builder().endpoint(server.endpoint()).plaintext(true)
                .closeTimeout(Duration.ofSeconds(3)).build(), mustNotBeAsked);

        Recorder recorder = transcribe(request(TenantId.random()));

        assertThat(recorder.finalTexts()).containsExactly("bonjour madame", "ne quittez pas");
        assertThat(recorder.totalBilled()).isEqualTo(Duration.ofSeconds(4));
        assertThat(server.streams()).singleElement().extracting(StreamRecord::outcome).isEqualTo("OK");
    }

    @Test
    void openingAfterCloseIsRefusedClearly() {
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings().build());
        transcriber.close();
        assertThatThrownBy(() -> transcriber.open(request(TenantId.random()), new Recorder()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private static TranscriptionRequest request(TenantId tenant) {
        return new TranscriptionRequest(tenant, newCallSid(), Speaker.CALLER, Language.FRENCH, List.of("code"));
    }

    private Recorder transcribe(TranscriptionRequest request) {
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request, recorder);
        pushFrames(stream, FakeSpeechAudio.lines(List.of("bonjour madame", "ne quittez pas")));
        stream.close();
        recorder.awaitClosed(TIMEOUT);
        return recorder;
    }

    /** A Google-format service-account key made up for the test, and a check of the JWTs signed with it. */
    private record ServiceAccount(String email, KeyPair keys) {
        static ServiceAccount generate(String email) throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new ServiceAccount(email, generator.generateKeyPair());
        }

        String json() {
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return "{\"type\":\"service_account\",\"project_id\":\"ethiq-test\",\"private_key_id\":\"k1\","
                    + "\"private_key\":\"" + pem.replace("\n", "\\n") + "\",\"client_email\":\"" + email + "\","
                    + "\"client_id\":\"1234567890\",\"token_uri\":\"https://oauth2.googleapis.com/token\"}";
        }

        void assertSigned(String jwt) throws Exception {
            String[] parts = jwt.split("\\.");
            assertThat(parts).hasSize(3);
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(keys.getPublic());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).as("signed with this key").isTrue();
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            assertThat(payload).contains("\"iss\":\"" + email + "\"").contains("cloud-platform");
        }
    }

    private static class TestSecrets implements TenantSecrets {
        final Map<TenantId, Secret> speech = new ConcurrentHashMap<>();
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public Optional<Secret> speechServiceAccount(TenantId tenant) {
            lookups.incrementAndGet();
            return Optional.ofNullable(speech.get(tenant));
        }

        @Override
        public Optional<TelephonyCredentials> telephony(TenantId tenant) {
            return Optional.empty();
        }

        @Override
        public Optional<Secret> aiApiKey(TenantId tenant) {
            return Optional.empty();
        }

        @Override
        public void storeTelephony(TenantId tenant, TelephonyCredentials credentials) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void storeSecret(TenantId tenant, SecretKind kind, Secret secret) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(TenantId tenant, SecretKind kind) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<SecretKind, SecretStatus> status(TenantId tenant) {
            return Map.of();
        }
    }
}
