package com.ethiq.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.fake.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {
    @Test
    void allowsTheBudgetPerWindowAndKeyThenSaysHowLongToWait() {
        MutableClock clock = MutableClock.at("2025-03-01T10:00:10Z");
        RequestRateLimiter limiter = new RequestRateLimiter(3, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("ip:1")).isEmpty();
        }
        assertThat(limiter.acquire("ip:1")).hasValue(Duration.ofSeconds(50));
        assertThat(limiter.acquire("ip:2")).isEmpty();
        clock.advance(Duration.ofSeconds(50));
        assertThat(limiter.acquire("ip:1")).isEmpty();
    }
}
