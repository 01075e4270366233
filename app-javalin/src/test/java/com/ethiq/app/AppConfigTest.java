package com.ethiq.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every setting comes from the environment, with documented defaults, and a bad value names its variable. */
class AppConfigTest {

    @Test
    void defaultsWithoutAnyVariable() {
        AppConfig c = AppConfig.from(Map.of());
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.publicBaseUrl()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(c.publicBaseUrlDefaulted()).isTrue();
        assertThat(c.telephony()).isEqualTo(AppConfig.VendorMode.SIMULATED);
        assertThat(c.speech()).isEqualTo(AppConfig.VendorMode.SIMULATED);
        assertThat(c.ai()).isEqualTo(AppConfig.VendorMode.NONE);
        assertThat(c.mediaTokenSecretGenerated()).isTrue();
        assertThat(AppConfig.keyBytes(c.mediaTokenSecret())).hasSize(32);
        assertThat(c.mediaStartTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.webhookMaxBodyBytes()).isEqualTo(65536);
        assertThat(c.alertDispatchInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.twilioPlatformAuthToken()).isEmpty();
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
                "ETHIQ_TWILIO_PLATFORM_AUTH_TOKEN", "secret-token"));
        assertThat(c.httpPort()).isEqualTo(9000);
        assertThat(c.publicBaseUrl()).isEqualTo(URI.create("https://voice.example.com"));
        assertThat(c.telephony()).isEqualTo(AppConfig.VendorMode.REAL);
        assertThat(AppConfig.keyBytes(c.mediaTokenSecret())).hasSize(48);
        assertThat(c.mediaBatchFrames()).isEqualTo(10);
        assertThat(c.alertLease()).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.metricsEnabled()).isFalse();
        assertThat(c.twilioPlatformAuthToken()).isPresent();
        assertThat(String.join("\n", c.describe())).doesNotContain("secret-token").contains("ETHIQ_TWILIO_PLATFORM_AUTH_TOKEN=(set)");
    }

    @Test
    void badValuesNameTheirVariable() {
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_HTTP_PORT", "eighty"))).hasMessageContaining("'ETHIQ_HTTP_PORT'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_HTTP_PORT", "70000"))).hasMessageContaining("'ETHIQ_HTTP_PORT'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_PUBLIC_BASE_URL", "voice.example.com"))).hasMessageContaining("'ETHIQ_PUBLIC_BASE_URL'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_PUBLIC_BASE_URL", "https://voice.example.com/app"))).hasMessageContaining("path");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_MEDIA_TOKEN_SECRET", "short"))).hasMessageContaining("'ETHIQ_MEDIA_TOKEN_SECRET'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_MEDIA_START_TIMEOUT", "5 seconds"))).hasMessageContaining("'ETHIQ_MEDIA_START_TIMEOUT'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_MEDIA_START_TIMEOUT", "PT0S"))).hasMessageContaining("positive");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_TELEPHONY", "vonage"))).hasMessageContaining("'ETHIQ_TELEPHONY'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_METRICS_ENABLED", "maybe"))).hasMessageContaining("'ETHIQ_METRICS_ENABLED'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_DATABASE_URL", "postgres://x"))).hasMessageContaining("'ETHIQ_DATABASE_URL'");
    }

    @Test
    void configurationDocumentListsEverySetting() throws Exception {
        Path doc = Path.of(System.getProperty("user.dir")).resolve("../docs/configuration.md");
        String text = Files.readString(doc);
        for (AppConfig.Setting s : AppConfig.SETTINGS) {
            assertThat(text).as("docs/configuration.md documents %s", s.name()).contains(s.name());
        }
    }
}
