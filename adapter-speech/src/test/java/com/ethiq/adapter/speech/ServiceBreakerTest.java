package com.ethiq.adapter.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.fake.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServiceBreakerTest {
    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private final ServiceBreaker breaker = new ServiceBreaker(3, Duration.ofSeconds(30), clock);

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        breaker.recordFailure();
        breaker.recordFailure();
        breaker.recordSuccess();
        breaker.recordFailure();
        breaker.recordFailure();
        assertThat(breaker.allowRequest()).isTrue();
        breaker.recordFailure();
        assertThat(breaker.allowRequest()).isFalse();
        assertThat(breaker.isOpen()).isTrue();
        assertThat(breaker.trips()).isEqualTo(1);
    }

    @Test
    void halfOpensAfterTheWaitThenClosesOnSuccessOrReopensOnFailure() {
        for (int i = 0; i < 3; i++) {
            breaker.recordFailure();
        }
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.allowRequest()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.allowRequest()).isTrue();
        assertThat(breaker.state()).isEqualTo(ServiceBreaker.State.HALF_OPEN);
        breaker.recordFailure();
        assertThat(breaker.allowRequest()).as("one failure while half open is enough").isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.allowRequest()).isTrue();
        breaker.recordSuccess();
        assertThat(breaker.state()).isEqualTo(ServiceBreaker.State.CLOSED);
        assertThat(breaker.trips()).isEqualTo(2);
    }
}
