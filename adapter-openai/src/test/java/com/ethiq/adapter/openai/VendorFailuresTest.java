package com.ethiq.adapter.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.Headers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VendorFailuresTest {

    private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

    private static Headers headers(String name, String value) {
        return Headers.builder().put(name, value).build();
    }

    @Test
    void retryAfterMsWinsAndMayBeFractional() {
        Headers h = Headers.builder().put("retry-after-ms", "250.5").put("retry-after", "9").build();

        assertThat(VendorFailures.retryAfter(h, clock)).contains(Duration.ofNanos(250_500_000));
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertThat(VendorFailures.retryAfter(headers("Retry-After", "2"), clock)).contains(Duration.ofSeconds(2));
        assertThat(VendorFailures.retryAfter(headers("retry-after", "Sat, 01 Mar 2025 10:00:03 GMT"), clock))
                .contains(Duration.ofSeconds(3));
        assertThat(VendorFailures.retryAfter(headers("retry-after", "Sat, 01 Mar 2025 09:00:00 GMT"), clock))
                .contains(Duration.ZERO);
    }

    @Test
    void garbageOrNegativeRetryAfterIsIgnored() {
        assertThat(VendorFailures.retryAfter(headers("retry-after", "soon"), clock)).isEmpty();
        assertThat(VendorFailures.retryAfter(headers("retry-after-ms", "-5"), clock)).isEmpty();
        assertThat(VendorFailures.retryAfter(Headers.builder().build(), clock)).isEmpty();
    }
}
