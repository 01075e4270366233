package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.port.AiBudgetLedger;
import com.ethiq.core.port.PersistenceException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void twoNodesOnOneLedgerSpendTheBudgetOnceBetweenThem() {
        AiBudgetLedger shared = AiBudgetLedger.perNode();
        AiBudget a = new AiBudget(shared, clock);
        AiBudget b = new AiBudget(shared, clock);
        int granted = 0;
        for (int i = 0; i < 150; i++) {
            granted += (a.tryTake(tenant, 100) ? 1 : 0) + (b.tryTake(tenant, 100) ? 1 : 0);
        }
        assertThat(granted).isEqualTo(100);
        assertThat(a.usedToday(tenant) + b.usedToday(tenant)).isEqualTo(100);
    }

    @Test
    void theLedgerIsAskedOncePerSliceNotPerRequest() {
        AtomicInteger asked = new AtomicInteger();
        AiBudgetLedger shared = AiBudgetLedger.perNode();
        AiBudget node = new AiBudget((t, d, wanted, limit) -> {
            asked.incrementAndGet();
            return shared.reserve(t, d, wanted, limit);
        }, clock);
        for (int i = 0; i < 200; i++) {
            assertThat(node.tryTake(tenant, 200)).isTrue();
        }
        assertThat(AiBudget.sliceOf(200)).isEqualTo(10);
        assertThat(asked.get()).isEqualTo(20);
        assertThat(node.tryTake(tenant, 200)).isFalse();
    }

    @Test
    void whileTheStoreIsAwayANodeCountsAloneUpToTheBudget() {
        AiBudget node = new AiBudget((t, d, wanted, limit) -> {
            throw new PersistenceException("down", new RuntimeException());
        }, clock);
        assertThat(node.tryTake(tenant, 2)).isTrue();
        assertThat(node.tryTake(tenant, 2)).isTrue();
        assertThat(node.tryTake(tenant, 2)).isFalse();
    }

    @Test
    void slicesAreATwentiethOfTheBudgetBetweenOneAndTen() {
        assertThat(AiBudget.sliceOf(1)).isEqualTo(1);
        assertThat(AiBudget.sliceOf(39)).isEqualTo(1);
        assertThat(AiBudget.sliceOf(60)).isEqualTo(3);
        assertThat(AiBudget.sliceOf(10_000)).isEqualTo(10);
    }
}
