package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.fake.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AiBudgetTest {
    private final MutableClock clock = MutableClock.at("2026-03-02T22:00:00Z");
    private final AiBudget budget = new AiBudget(clock);
    private final TenantId tenant = TenantId.random();

    @Test
    void aTenantGetsExactlyItsDailyBudget() {
        assertThat(budget.usedToday(tenant)).isZero();
        assertThat(budget.tryTake(tenant, 2)).isTrue();
        assertThat(budget.usedToday(tenant)).isEqualTo(1);
        assertThat(budget.tryTake(tenant, 2)).isTrue();
        assertThat(budget.tryTake(tenant, 2)).isFalse();
        assertThat(budget.usedToday(tenant)).as("a refusal takes nothing").isEqualTo(2);
    }

    @Test
    void aZeroBudgetRefusesEveryRequest() {
        assertThat(budget.tryTake(tenant, 0)).isFalse();
        assertThat(budget.usedToday(tenant)).isZero();
    }

    @Test
    void tenantsHaveSeparateBudgets() {
        TenantId other = TenantId.random();
        assertThat(budget.tryTake(tenant, 1)).isTrue();
        assertThat(budget.tryTake(other, 1)).isTrue();
        assertThat(budget.tryTake(tenant, 1)).isFalse();
        assertThat(budget.usedToday(other)).isEqualTo(1);
    }

    @Test
    void theBudgetRenewsAtMidnightUtc() {
        assertThat(budget.tryTake(tenant, 1)).isTrue();
        clock.advance(Duration.ofMinutes(119));
        assertThat(budget.tryTake(tenant, 1)).as("still 2 March UTC").isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(budget.usedToday(tenant)).isZero();
        assertThat(budget.tryTake(tenant, 1)).isTrue();
        assertThat(budget.tryTake(tenant, 1)).isFalse();
    }

    @Test
    void aRaisedBudgetAppliesAtOnce() {
        assertThat(budget.tryTake(tenant, 1)).isTrue();
        assertThat(budget.tryTake(tenant, 1)).isFalse();
        assertThat(budget.tryTake(tenant, 3)).isTrue();
        assertThat(budget.usedToday(tenant)).isEqualTo(2);
    }
}
