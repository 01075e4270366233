package com.ethiq.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.app.config.Setting;
import com.ethiq.app.config.Settings;
import com.ethiq.app.config.VendorMode;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.port.NumberPool;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every setting comes from the environment, with its declared default, and a bad value names its variable and range. */
class AppConfigTest {

    @Test
    void theSpeechGateCanBeTurnedOffForTheNode() {
        assertThat(AppConfig.from(Map.of("ETHIQ_SPEECH_GATE", "false")).speech().gate())
                .isEqualTo(com.ethiq.core.audio.SpeechGate.Settings.OFF);
    }

    @Test
    void defaultsWithoutAnyVariable() {
        AppConfig c = AppConfig.from(Map.of());
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.transport().publicBaseUrl()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(c.transport().publicBaseUrlDefaulted()).isTrue();
        assertThat(c.telephony().mode()).isEqualTo(VendorMode.SIMULATED);
        assertThat(c.speech().mode()).isEqualTo(VendorMode.SIMULATED);
        assertThat(c.speech().gate()).isEqualTo(com.ethiq.core.audio.SpeechGate.Settings.DEFAULT);
        assertThat(c.ai().mode()).isEqualTo(VendorMode.NONE);
        assertThat(c.mediaAdmission().tokenSecretGenerated()).isTrue();
        assertThat(c.mediaAdmission().tokenKey()).hasSize(32);
        assertThat(c.media().startTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.server().webhookMaxBodyBytes()).isEqualTo(65536);
        assertThat(c.alerts().dispatchInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.alerts().dispatcher().batchSize()).isEqualTo(1);
        assertThat(c.telephony().platformAuthToken()).isEmpty();
        assertThat(c.database().configured()).isFalse();
        assertThat(c.onboarding().numberQuarantine()).isEqualTo(NumberPool.DEFAULT_QUARANTINE).isEqualTo(Duration.ofDays(90));
        assertThat(c.localRun().dataDir()).hasToString(".ethiq");
    }

    @Test
    void readsEveryKindOfValue() {
        AppConfig c = AppConfig.from(Map.of(
                "ETHIQ_HTTP_PORT", "9000",
                "ETHIQ_PUBLIC_BASE_URL", "https://voice.example.com/",
                "ETHIQ_TELEPHONY", "twilio",
                "ETHIQ_MEDIA_TOKEN_SECRET", "base64:" + java.util.Base64.getEncoder().encodeToString(new byte[48]),
                "ETHIQ_MEDIA_BATCH_FRAMES", "10",
                "ETHIQ_ALERT_LEASE", "PT45S",
                "ETHIQ_METRICS_ENABLED", "off",
                "ETHIQ_TWILIO_PLATFORM_AUTH_TOKEN", "secret-token",
                "ETHIQ_DASHBOARD_ORIGINS", " https://a.example , https://b.example,"));
        assertThat(c.server().port()).isEqualTo(9000);
        assertThat(c.transport().publicBaseUrl()).isEqualTo(URI.create("https://voice.example.com"));
        assertThat(c.transport().tlsRequired()).isTrue();
        assertThat(c.telephony().mode()).isEqualTo(VendorMode.REAL);
        assertThat(c.mediaAdmission().tokenKey()).hasSize(48);
        assertThat(c.media().batchFrames()).isEqualTo(10);
        assertThat(c.alerts().dispatcher().lease()).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.server().metricsEnabled()).isFalse();
        assertThat(c.telephony().platformAuthToken()).isPresent();
        assertThat(c.management().dashboardOrigins()).containsExactlyInAnyOrder("https://a.example", "https://b.example");
        assertThat(String.join("\n", c.describe())).doesNotContain("secret-token").contains("ETHIQ_TWILIO_PLATFORM_AUTH_TOKEN=(set)");
    }

    @Test
    void theOpenAiAdapterSettingsAreBuiltFromTheCatalogue() {
        AppConfig c = AppConfig.from(Map.of(
                "ETHIQ_AI", "openai",
                "OPENAI_API_KEY", "sk-env-1234",
                "OPENAI_BASE_URL", "https://my-resource.openai.azure.com/openai/v1",
                "ETHIQ_AI_MODEL", "my-deployment",
                "ETHIQ_AI_TIMEOUT_MS", "4000",
                "ETHIQ_AI_MAX_CONCURRENT", "32",
                "ETHIQ_AI_TENANT_CALLS_PER_MINUTE", "12"));
        var s = c.ai().openAi();
        assertThat(c.ai().mode()).isEqualTo(VendorMode.REAL);
        assertThat(s.apiKey()).isEqualTo(Secret.of("sk-env-1234"));
        assertThat(s.baseUrl()).isEqualTo("https://my-resource.openai.azure.com/openai/v1");
        assertThat(s.model()).isEqualTo("my-deployment");
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(s.maxConcurrentCalls()).isEqualTo(32);
        assertThat(s.tenantCallsPerPeriod()).isEqualTo(12);
        assertThat(s.tenantPeriod()).isEqualTo(Duration.ofMinutes(1));
        // unset: the adapter's own defaults, which the catalogue shows
        var defaults = AppConfig.from(Map.of()).ai().openAi();
        assertThat(defaults.model()).isEqualTo(Settings.AI_MODEL.shownDefault());
        assertThat(defaults.requestTimeout().toMillis()).hasToString(Settings.AI_TIMEOUT_MS.shownDefault());
    }

    @Test
    void badValuesNameTheirVariableAndWhatItAccepts() {
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_HTTP_PORT", "eighty")))
                .hasMessage("'ETHIQ_HTTP_PORT' must be an integer within 0..65535, got 'eighty'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_HTTP_PORT", "70000")))
                .hasMessage("'ETHIQ_HTTP_PORT' must be an integer within 0..65535, got '70000'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_PUBLIC_BASE_URL", "voice.example.com"))).hasMessageContaining("'ETHIQ_PUBLIC_BASE_URL'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_PUBLIC_BASE_URL", "https://voice.example.com/app"))).hasMessageContaining("path");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_MEDIA_TOKEN_SECRET", "short"))).hasMessageContaining("'ETHIQ_MEDIA_TOKEN_SECRET'")
                .hasMessageNotContaining("short");
        // copied from secrets.properties (which escapes ':'): refused with why, instead of a silently different key
        String escaped = "base64\\:" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_MEDIA_TOKEN_SECRET", escaped)))
                .hasMessageContaining("'ETHIQ_MEDIA_TOKEN_SECRET'").hasMessageContaining("without a backslash")
                .hasMessageNotContaining(escaped.substring(8));
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_MEDIA_TOKEN_SECRET", "BASE64:" + escaped.substring(8))))
                .hasMessageContaining("misspelt");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_MEDIA_START_TIMEOUT", "5 seconds"))).hasMessageContaining("'ETHIQ_MEDIA_START_TIMEOUT'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_MEDIA_START_TIMEOUT", "PT0S"))).hasMessageContaining("positive");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_TELEPHONY", "vonage")))
                .hasMessage("'ETHIQ_TELEPHONY' must be 'simulated' or 'twilio', got 'vonage'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_AI", "simulated"))).hasMessageContaining("'none' or 'openai'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_METRICS_ENABLED", "maybe"))).hasMessageContaining("'ETHIQ_METRICS_ENABLED'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_DATABASE_URL", "postgres://x"))).hasMessageContaining("'ETHIQ_DATABASE_URL'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_DATABASE_URL", "jdbc:postgresql://db/ethiq")))
                .hasMessageContaining("'ETHIQ_SECRET_KEYS'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_NUMBER_QUARANTINE", "-P1D"))).hasMessageContaining("not negative");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_AI_TIMEOUT_MS", "soon"))).hasMessageContaining("'ETHIQ_AI_TIMEOUT_MS'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("OPENAI_BASE_URL", "http://api.example.com/v1")))
                .hasMessageContaining("'OPENAI_BASE_URL'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_TWILIO_PLATFORM_ACCOUNT_SID", "AC12")))
                .hasMessageContaining("AC + 32 hex digits");
    }

    @Test
    void alertSmsSendingComesFromTheSenderIdServiceAndValiditySettings() {
        var defaults = AppConfig.from(Map.of()).telephony().smsSending();
        assertThat(defaults.alphanumericSender()).isEmpty();
        assertThat(defaults.messagingServiceSid()).isEmpty();
        assertThat(defaults.validityPeriod()).hasSeconds(900);

        var france = AppConfig.from(Map.of("ETHIQ_SMS_SENDER_ID", "ETHIQ",
                "ETHIQ_TWILIO_MESSAGING_SERVICE_SID", "MG0123456789abcdef0123456789abcdef",
                "ETHIQ_SMS_VALIDITY", "PT10M")).telephony().smsSending();
        assertThat(france.alphanumericSender()).contains("ETHIQ");
        assertThat(france.messagingServiceSid()).contains("MG0123456789abcdef0123456789abcdef");
        assertThat(france.validityPeriod()).hasMinutes(10);

        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_SMS_SENDER_ID", "+33612345678")))
                .hasMessageContaining("'ETHIQ_SMS_SENDER_ID'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_SMS_VALIDITY", "PT11H")))
                .hasMessageContaining("'ETHIQ_SMS_VALIDITY'");
    }

    @Test
    void withKeepsAGeneratedMediaKeyAndReplacesTheRest() {
        AppConfig c = AppConfig.from(Map.of("ETHIQ_HTTP_PORT", "9000"));
        AppConfig next = c.with(Map.of("ETHIQ_ALERT_WORKERS", "2"));
        assertThat(next.mediaAdmission().tokenSecret().reveal()).isEqualTo(c.mediaAdmission().tokenSecret().reveal());
        assertThat(next.server().port()).isEqualTo(9000);
        assertThat(next.alerts().workers()).isEqualTo(2);
    }

    @Test
    void theCatalogueListsEveryDeclarationOnceAndEveryDefaultIsValid() throws Exception {
        List<Setting<?>> declared = new java.util.ArrayList<>();
        for (Field f : Settings.class.getDeclaredFields()) {
            if (Modifier.isPublic(f.getModifiers()) && f.getType() == Setting.class) {
                declared.add((Setting<?>) f.get(null));
            }
        }
        assertThat(Settings.ALL).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(new HashSet<>(Settings.ALL.stream().map(Setting::name).toList())).hasSize(Settings.ALL.size());
        // a concrete default, written as the docs show it, parses back to the declared value
        for (Setting<?> s : Settings.ALL) {
            if (!(s.defaultValue() instanceof java.util.Optional) && !s.shownDefault().startsWith("(")
                    && !s.shownDefault().startsWith("./")) {
                assertThat(s.read(Map.of(s.name(), s.shownDefault()))).as(s.name()).isEqualTo(s.defaultValue());
            }
        }
        assertThat(Arrays.asList(Settings.NUMBER_QUARANTINE.shownDefault(), Settings.HSTS_MAX_AGE.shownDefault()))
                .containsExactly("P90D", "P365D");
    }
}
