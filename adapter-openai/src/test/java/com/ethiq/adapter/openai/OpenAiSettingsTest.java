package com.ethiq.adapter.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenAiSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        OpenAiSettings s = OpenAiSettings.builder().build();

        assertThat(s.apiKey()).isNull();
        assertThat(s.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(s.model()).isEqualTo("gpt-4o-mini");
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(s.maxAttempts()).isEqualTo(2);
        assertThat(s.maxConcurrentCalls()).isEqualTo(16);
        assertThat(s.tenantCallsPerPeriod()).isEqualTo(30);
        assertThat(s.temperature()).isEqualTo(0.0);
    }

    @Test
    void invalidValuesAreRejectedNamingTheField() {
        assertThatThrownBy(() -> OpenAiSettings.builder().baseUrl("ftp://x/v1").build()).hasMessageContaining("'baseUrl'");
        assertThatThrownBy(() -> OpenAiSettings.builder().baseUrl("http://api.example.com/v1").build())
                .hasMessageContaining("https");
        assertThatThrownBy(() -> OpenAiSettings.builder().model(" ").build()).hasMessageContaining("'model'");
        assertThatThrownBy(() -> OpenAiSettings.builder().requestTimeout(Duration.ZERO).build())
                .hasMessageContaining("'requestTimeout'");
        assertThatThrownBy(() -> OpenAiSettings.builder().connectTimeout(Duration.ofSeconds(10)).build())
                .hasMessageContaining("'connectTimeout'");
        assertThatThrownBy(() -> OpenAiSettings.builder().maxConcurrentCalls(0).build())
                .hasMessageContaining("'maxConcurrentCalls'");
        assertThatThrownBy(() -> OpenAiSettings.builder().retry(9, Duration.ofMillis(1), Duration.ofMillis(1),
                Duration.ofMillis(1)).build()).hasMessageContaining("'maxAttempts'");
        assertThatThrownBy(() -> OpenAiSettings.builder().temperature(3.0).build()).hasMessageContaining("'temperature'");
        assertThatThrownBy(() -> OpenAiSettings.builder().circuitBreaker(5, 6, 50, Duration.ofSeconds(1)).build())
                .hasMessageContaining("'breakerMinimumCalls'");
    }

    @Test
    void loopbackMayUsePlainHttpForLocalFakes() {
        assertThat(OpenAiSettings.builder().baseUrl("http://127.0.0.1:8080/v1").build().baseUrl())
                .isEqualTo("http://127.0.0.1:8080/v1");
    }

    @Test
    void toStringNeverShowsTheKey() {
        OpenAiSettings s = OpenAiSettings.builder().apiKey(Secret.of("sk-very-secret-9876")).build();

        assertThat(s.toString()).doesNotContain("sk-very-secret").doesNotContain("9876").contains("apiKey=set");
    }
}
