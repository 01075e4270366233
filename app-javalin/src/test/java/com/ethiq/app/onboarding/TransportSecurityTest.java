package com.ethiq.app.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.app.AppConfig;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.VendorWiring;
import com.ethiq.app.calls.CallPathHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Production mode: https public URL or no start; HSTS on every response when the public URL is https. */
class TransportSecurityTest {

    private static Map<String, String> env(String mode, String publicUrl) {
        Map<String, String> env = new HashMap<>(CallPathHarness.baseEnv());
        env.put("ETHIQ_MODE", mode);
        if (publicUrl == null) {
            env.remove("ETHIQ_PUBLIC_BASE_URL");
        } else {
            env.put("ETHIQ_PUBLIC_BASE_URL", publicUrl);
        }
        return env;
    }

    @Test
    void productionRefusesAnInsecureOrMissingPublicUrl() {
        assertThatThrownBy(() -> AppConfig.from(env("production", "http://voice.example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ETHIQ_PUBLIC_BASE_URL' must be an https:// URL in production mode")
                .hasMessageContaining("http://voice.example.com");
        assertThatThrownBy(() -> AppConfig.from(env("production", null))).hasMessageContaining("(not set)");
        assertThatThrownBy(() -> AppConfig.from(env("staging", "https://voice.example.com"))).hasMessageContaining("'ETHIQ_MODE'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ETHIQ_HSTS_MAX_AGE", "P30D"))).hasMessageContaining("'ETHIQ_HSTS_MAX_AGE'");
        assertThat(AppConfig.from(env("development", "http://localhost:8080")).transport().production()).isFalse();
        AppConfig prod = AppConfig.from(env("production", "https://voice.example.com"));
        assertThat(prod.transport().production()).isTrue();
        assertThat(prod.transport().tlsRequired()).isTrue();
        assertThat(Onboarding.webhooks(prod).voiceUrl()).hasToString("https://voice.example.com/twilio/voice");
    }

    @Test
    void productionRefusesToStartOnSimulatedVendorsOrInMemoryStores() {
        AppConfig prod = AppConfig.from(env("production", "https://voice.example.com"));
        assertThatThrownBy(() -> VendorWiring.fromConfig(prod, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ETHIQ_MODE=production refuses to start")
                .hasMessageContaining("telephony is simulated")
                .hasMessageContaining("speech is simulated")
                .hasMessageContaining("store is in-memory");
        // development still starts on them (with warnings)
        VendorWiring.fromConfig(AppConfig.from(env("development", "https://voice.example.com")), Clock.systemUTC()).close();
    }

    @Test
    void twilioModeStartsWithAnHttpPublicUrlAndAPlainHttpTwilioFake() {
        Map<String, String> e = env("development", "http://voice.example.com");
        e.put("ETHIQ_TELEPHONY", "twilio");
        e.put("ETHIQ_TWILIO_API_BASE_URL", "http://127.0.0.1:9");
        var adapters = VendorWiring.fromConfig(AppConfig.from(e), Clock.systemUTC());
        try {
            assertThat(adapters.vendors()).containsEntry("telephony", "twilio");
        } finally {
            adapters.close();
        }
        // the choice of TLS comes before the URL check, so the documented order works both ways
        assertThat(com.ethiq.adapter.twilio.TwilioSettings.defaults(URI.create("http://voice.example.com"), false)
                .publicUrl("/twilio/voice")).hasToString("http://voice.example.com/twilio/voice");
        assertThatThrownBy(() -> com.ethiq.adapter.twilio.TwilioSettings.defaults(URI.create("http://voice.example.com")))
                .hasMessageContaining("must be https when TLS is required");
    }

    @Test
    void responsesCarryHstsWhenThePublicUrlIsHttpsAndNotOtherwise() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        AppConfig prod = AppConfig.from(env("production", "https://voice.example.com"));
        // production refuses simulated adapters: these come from a development configuration of the same URL
        AppConfig simulated = AppConfig.from(env("development", "https://voice.example.com"));
        try (EthiqApp app = EthiqApp.start(prod, VendorWiring.fromConfig(simulated, Clock.systemUTC()))) {
            for (String path : new String[] {"/health", "/no-such-page"}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.headers().firstValue("Strict-Transport-Security")).as(path).contains("max-age=31536000; includeSubDomains");
            }
            HttpResponse<String> sms = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + Onboarding.SMS))
                    .POST(HttpRequest.BodyPublishers.ofString("From=%2B33600000000")).header("Content-Type", "application/x-www-form-urlencoded")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sms.statusCode()).as("an unsigned SMS webhook").isEqualTo(403);
        }
        AppConfig dev = AppConfig.from(env("development", null));
        try (EthiqApp app = EthiqApp.start(dev, VendorWiring.fromConfig(dev, Clock.systemUTC()))) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
    }
}
