package com.ethiq.core.contract;

import static com.ethiq.core.contract.IdentityFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.management.identity.AttemptCounters;
import com.ethiq.core.management.identity.AttemptState;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract of {@link AttemptCounters}: counting within a window, holds that never shorten, reset. */
public abstract class AttemptCountersContract {
    protected abstract AttemptCounters create();

    private AttemptCounters c;
    private final Duration window = Duration.ofMinutes(15);

    @BeforeEach
    void setUp() {
        c = create();
    }

    private static String key() {
        return "account:" + UUID.randomUUID();
    }

    @Test
    void countsWithinTheWindowAndRestartsAfterIt() {
        String k = key();
        assertThat(c.get(k)).isEqualTo(AttemptState.NONE);
        assertThat(c.recordFailure(k, T0, window).failures()).isEqualTo(1);
        assertThat(c.recordFailure(k, T0.plusSeconds(60), window).failures()).isEqualTo(2);
        AttemptState later = c.recordFailure(k, T0.plus(window).plusSeconds(1), window);
        assertThat(later.failures()).isEqualTo(1);
        assertThat(later.windowStart()).isEqualTo(T0.plus(window).plusSeconds(1));
    }

    @Test
    void holdsOnlyGrowAndResetClearsAll() {
        String k = key();
        c.recordFailure(k, T0, window);
        c.block(k, T0.plusSeconds(60));
        c.block(k, T0.plusSeconds(30));
        assertThat(c.get(k).blockedUntil()).isEqualTo(T0.plusSeconds(60));
        assertThat(c.get(k).failures()).isEqualTo(1);
        c.reset(k);
        assertThat(c.get(k)).isEqualTo(AttemptState.NONE);
    }

    @Test
    void keysAreIndependent() {
        String a = key();
        String b = key();
        c.recordFailure(a, T0, window);
        c.block(a, T0.plusSeconds(60));
        assertThat(c.get(b)).isEqualTo(AttemptState.NONE);
    }
}
