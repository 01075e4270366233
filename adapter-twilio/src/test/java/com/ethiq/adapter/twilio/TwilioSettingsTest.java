package com.ethiq.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TwilioSettingsTest {
    private static final URI PUBLIC = URI.create("https://voice.example.com");

    @Test
    void productionDefaults() {
        TwilioSettings s = TwilioSettings.defaults(PUBLIC);

        assertThat(s.apiBaseUrl()).isEqualTo(URI.create("https://api.twilio.com"));
        assertThat(s.requireTls()).isTrue();
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.retry().maxAttempts()).isEqualTo(3);
        assertThat(s.breaker().minimumCalls()).isEqualTo(5);
        assertThat(s.smsLookback()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void urlsAreDerivedFromThePublicBase() {
        TwilioSettings s = TwilioSettings.defaults(URI.create("https://voice.example.com/"));

        assertThat(s.publicBaseUrl()).hasToString("https://voice.example.com");
        assertThat(s.publicUrl("/twilio/voice")).hasToString("https://voice.example.com/twilio/voice");
        assertThat(s.webSocketUrl("/twilio/media")).hasToString("wss://voice.example.com/twilio/media");
        assertThat(s.withRequireTls(false).withPublicBaseUrl(URI.create("http://localhost:7070")).webSocketUrl("/m"))
                .hasToString("ws://localhost:7070/m");
        assertThatThrownBy(() -> s.publicUrl("twilio/voice")).hasMessageContaining("'path'");
    }

    @Test
    void tlsIsRequiredInProduction() {
        assertThatThrownBy(() -> TwilioSettings.defaults(URI.create("http://voice.example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'publicBaseUrl' must be https");
        assertThatThrownBy(() -> TwilioSettings.defaults(PUBLIC).withApiBaseUrl(URI.create("http://127.0.0.1:9999")))
                .hasMessageContaining("'apiBaseUrl' must be https");
        assertThat(TwilioSettings.defaults(PUBLIC).withRequireTls(false).withApiBaseUrl(URI.create("http://127.0.0.1:9999")).apiBaseUrl())
                .hasToString("http://127.0.0.1:9999");
    }

    @Test
    void badValuesNameTheField() {
        TwilioSettings s = TwilioSettings.defaults(PUBLIC);

        assertThatThrownBy(() -> s.withApiBaseUrl(URI.create("https://api.example.com?x=1"))).hasMessageContaining("'apiBaseUrl'");
        assertThatThrownBy(() -> s.withApiBaseUrl(URI.create("ftp://api.example.com"))).hasMessageContaining("'apiBaseUrl'");
        assertThatThrownBy(() -> s.withApiBaseUrl(URI.create("/relative"))).hasMessageContaining("'apiBaseUrl'");
        assertThatThrownBy(() -> s.withTimeouts(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("'connectTimeout'");
        assertThatThrownBy(() -> s.withSmsLookback(Duration.ofSeconds(-1))).hasMessageContaining("'smsLookback'");
        assertThatThrownBy(() -> new TwilioSettings.RetrySettings(0, Duration.ofMillis(1), 2, Duration.ofMillis(1)))
                .hasMessageContaining("'maxAttempts'");
        assertThatThrownBy(() -> new TwilioSettings.RetrySettings(3, Duration.ofSeconds(2), 2, Duration.ofSeconds(1)))
                .hasMessageContaining("'maxBackoff'");
        assertThatThrownBy(() -> new TwilioSettings.BreakerSettings(4, 5, 50f, Duration.ofSeconds(1)))
                .hasMessageContaining("'minimumCalls'");
        assertThatThrownBy(() -> new TwilioSettings.BreakerSettings(4, 4, 0f, Duration.ofSeconds(1)))
                .hasMessageContaining("'failureRatePercent'");
    }

    @Test
    void anApiBaseUrlMayCarryAPathPrefixForAProxy() {
        TwilioSettings s = TwilioSettings.defaults(PUBLIC).withApiBaseUrl(URI.create("https://proxy.example.com/twilio/"));

        assertThat(s.apiBaseUrl()).hasToString("https://proxy.example.com/twilio");
    }
}
