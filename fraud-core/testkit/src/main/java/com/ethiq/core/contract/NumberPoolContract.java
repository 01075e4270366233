package com.ethiq.core.contract;

import static com.ethiq.core.contract.ContractFixtures.T0;
import static com.ethiq.core.contract.ContractFixtures.phone;
import static com.ethiq.core.contract.ContractFixtures.region;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.onboarding.CountryRulePool;
import com.ethiq.core.management.onboarding.PoolReassignment;
import com.ethiq.core.port.NumberPool;
import com.ethiq.core.port.NumberPool.PoolEntry;
import com.ethiq.core.port.Tenants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NumberPool} must do, together with the {@link Tenants} it sets numbers on. Every test uses its
 * own region, so the suite can run against a shared database.
 */
public abstract class NumberPoolContract {

    protected abstract NumberPool create();

    /** The tenants of the same store as {@link #create()}'s pool. */
    protected abstract Tenants tenants();

    protected NumberPool pool;
    private String region;

    @BeforeEach
    void setUpPool() {
        pool = create();
        region = region();
    }

    private TenantId newTenant() {
        Tenant t = ContractFixtures.tenantWithoutNumber(TenantId.random());
        tenants().create(t);
        return t.id();
    }

    private List<PoolEntry> entries() {
        return pool.entries().stream().filter(e -> e.region().equals(region)).toList();
    }

    private Optional<PhoneNumber> numberOf(TenantId tenant) {
        return tenants().findById(tenant).orElseThrow().number();
    }

    @Test
    void addingANumberTwiceKeepsOneFreeEntry() {
        PhoneNumber n = phone();
        pool.add(n, region);
        pool.add(n, region);

        assertThat(entries()).hasSize(1);
        PoolEntry e = entries().get(0);
        assertThat(e.number()).isEqualTo(n);
        assertThat(e.assignedTo()).isNull();
        assertThat(e.availableAt()).isBeforeOrEqualTo(T0);
    }

    @Test
    void assignmentTakesAFreeNumberOfTheRegionAndMakesItTheTenantsNumber() {
        PhoneNumber n = phone();
        pool.add(phone(), region());
        pool.add(n, region);
        TenantId t = newTenant();

        assertThat(pool.assign(t, region, T0)).contains(n);

        assertThat(numberOf(t)).contains(n);
        assertThat(tenants().findByCalledNumber(n).map(Tenant::id)).contains(t);
        assertThat(entries()).singleElement().satisfies(e -> assertThat(e.assignedTo()).isEqualTo(t));
    }

    @Test
    void twoTenantsNeverShareANumberAndAnEmptyRegionGivesNothing() {
        pool.add(phone(), region);
        pool.add(phone(), region);
        TenantId t1 = newTenant();
        TenantId t2 = newTenant();
        TenantId t3 = newTenant();

        PhoneNumber n1 = pool.assign(t1, region, T0).orElseThrow();
        PhoneNumber n2 = pool.assign(t2, region, T0).orElseThrow();

        assertThat(n1).isNotEqualTo(n2);
        assertThat(pool.assign(t3, region, T0)).isEmpty();
        assertThat(numberOf(t3)).isEmpty();
        assertThat(pool.assign(t3, region(), T0)).isEmpty();
    }

    @Test
    void assigningAgainToTheSameTenantReturnsItsNumber() {
        pool.add(phone(), region);
        pool.add(phone(), region);
        TenantId t = newTenant();

        PhoneNumber first = pool.assign(t, region, T0).orElseThrow();

        assertThat(pool.assign(t, region, T0)).contains(first);
        assertThat(entries().stream().filter(e -> t.equals(e.assignedTo()))).hasSize(1);
    }

    @Test
    void anUnknownTenantGetsNoNumber() {
        pool.add(phone(), region);

        assertThat(pool.assign(TenantId.random(), region, T0)).isEmpty();
        assertThat(entries()).singleElement().satisfies(e -> assertThat(e.assignedTo()).isNull());
    }

    @Test
    void aReleasedNumberRestsInQuarantineBeforeAnotherTenantGetsIt() {
        PhoneNumber n = phone();
        pool.add(n, region);
        TenantId former = newTenant();
        TenantId next = newTenant();
        pool.assign(former, region, T0).orElseThrow();
        java.time.Instant availableAt = T0.plus(Duration.ofDays(90));

        assertThat(pool.release(former, n, availableAt)).isTrue();

        assertThat(numberOf(former)).isEmpty();
        assertThat(tenants().findByCalledNumber(n)).isEmpty();
        assertThat(entries()).singleElement().satisfies(e -> {
            assertThat(e.assignedTo()).isNull();
            assertThat(e.availableAt()).isEqualTo(availableAt);
        });
        assertThat(pool.assign(next, region, availableAt.minusSeconds(1))).isEmpty();
        assertThat(pool.assign(next, region, availableAt)).contains(n);
        assertThat(numberOf(next)).contains(n);
    }

    @Test
    void onlyTheHolderCanReleaseANumber() {
        PhoneNumber n = phone();
        pool.add(n, region);
        TenantId holder = newTenant();
        TenantId other = newTenant();
        pool.assign(holder, region, T0).orElseThrow();

        assertThat(pool.release(other, n, T0)).isFalse();
        assertThat(pool.release(holder, phone(), T0)).isFalse();

        assertThat(numberOf(holder)).contains(n);
        assertThat(entries()).singleElement().satisfies(e -> assertThat(e.assignedTo()).isEqualTo(holder));
    }

    @Test
    void aRetiredNumberIsNeverAssignedAgain() {
        PhoneNumber n = phone();
        pool.add(n, region);
        TenantId former = newTenant();
        TenantId next = newTenant();
        pool.assign(former, region, T0).orElseThrow();

        assertThat(pool.release(former, n, NumberPool.RETIRED)).isTrue();

        assertThat(numberOf(former)).isEmpty();
        assertThat(entries()).singleElement().satisfies(e -> {
            assertThat(e.assignedTo()).isNull();
            assertThat(e.availableAt()).isEqualTo(NumberPool.RETIRED);
            assertThat(e.retired()).isTrue();
        });
        assertThat(pool.assign(next, region, T0.plus(Duration.ofDays(365 * 100)))).isEmpty();
        assertThat(numberOf(next)).isEmpty();
    }

    @Test
    void theCountryRuleRetiresAFrenchNumberAndQuarantinesTheOthers() {
        NumberPool ruled = new CountryRulePool(pool, PoolReassignment.DEFAULT);
        PhoneNumber french = phone();
        PhoneNumber british = PhoneNumber.of(String.format("+447%09d", java.util.concurrent.ThreadLocalRandom.current()
                .nextLong(1_000_000_000L)));
        ruled.add(french, region);
        ruled.add(british, region);
        TenantId a = newTenant();
        TenantId b = newTenant();
        TenantId next = newTenant();
        PhoneNumber first = ruled.assign(a, region, T0).orElseThrow();
        PhoneNumber second = ruled.assign(b, region, T0).orElseThrow();
        java.time.Instant availableAt = T0.plus(Duration.ofDays(90));

        assertThat(ruled.release(a, first, availableAt)).isTrue();
        assertThat(ruled.release(b, second, availableAt)).isTrue();

        assertThat(entries()).filteredOn(e -> e.number().equals(french)).singleElement()
                .satisfies(e -> assertThat(e.retired()).isTrue());
        assertThat(entries()).filteredOn(e -> e.number().equals(british)).singleElement().satisfies(e -> {
            assertThat(e.retired()).isFalse();
            assertThat(e.availableAt()).isEqualTo(availableAt);
        });
        // after the quarantine only the British number comes back
        assertThat(ruled.assign(next, region, availableAt)).contains(british);
    }

    @Test
    void concurrentSignUpsNeverGetTheSameNumber() throws Exception {
        int numbers = 3;
        int tenantsRacing = 6;
        for (int i = 0; i < numbers; i++) {
            pool.add(phone(), region);
        }
        List<TenantId> racing = new ArrayList<>();
        for (int i = 0; i < tenantsRacing; i++) {
            racing.add(newTenant());
        }
        ExecutorService executor = Executors.newFixedThreadPool(tenantsRacing);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<PhoneNumber>>> results = new ArrayList<>();
        try {
            for (TenantId t : racing) {
                results.add(executor.submit(() -> {
                    go.await();
                    return pool.assign(t, region, T0);
                }));
            }
            go.countDown();
            List<PhoneNumber> got = new ArrayList<>();
            for (Future<Optional<PhoneNumber>> f : results) {
                f.get(30, TimeUnit.SECONDS).ifPresent(got::add);
            }
            assertThat(got).hasSize(numbers).doesNotHaveDuplicates();
        } finally {
            executor.shutdownNow();
        }
        assertThat(entries()).allSatisfy(e -> assertThat(e.assignedTo()).isNotNull());
    }
}
