package com.ethiq.core.contract;

import static com.ethiq.core.contract.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallLeases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CallLeases} must do. {@code claimLapsed} serves every tenant, so assertions only look at this
 * test's own calls and each test builds its timeline on its own far-apart base instant: the suite can run against a
 * shared database.
 */
public abstract class CallLeasesContract {

    protected abstract CallLeases create();

    /** A tenant that exists in the store. */
    protected abstract TenantId newTenant();

    /** A live (not ended) call of {@code tenant} logged in the store the leases belong to. */
    protected abstract CallSid newCall(TenantId tenant);

    private static final int ALL = 100_000;

    protected CallLeases leases;
    private TenantId tenant;
    /** This test's own time: later than every lease of earlier tests, so their leases lapse before ours. */
    private Instant t0;

    @BeforeEach
    void setUpLeases() {
        leases = create();
        tenant = newTenant();
        t0 = T0.plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(1, 3000)));
    }

    private static String node(String name) {
        return name + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private List<CallLeases.Lapsed> claimMine(String node, Instant lapsedBefore, Instant now, Set<CallSid> mine) {
        return leases.claimLapsed(node, lapsedBefore, now, ALL).stream().filter(l -> mine.contains(l.callSid())).toList();
    }

    @Test
    void aHeldLeaseNamesItsNodeAndATakeOverKeepsItsGeneration() {
        CallSid call = newCall(tenant);
        String a = node("a");
        String b = node("b");
        assertThat(leases.find(tenant, call)).isEmpty();

        leases.hold(tenant, call, a, t0);
        CallLeases.Lease held = leases.find(tenant, call).orElseThrow();
        assertThat(held.node()).isEqualTo(a);
        assertThat(held.heartbeatAt()).isEqualTo(t0);
        assertThat(held.generation()).isZero();

        leases.hold(tenant, call, b, t0.plusSeconds(1));
        assertThat(leases.find(tenant, call).orElseThrow()).extracting(CallLeases.Lease::node, CallLeases.Lease::generation)
                .containsExactly(b, 0);
        assertThat(leases.find(newTenant(), call)).as("another tenant sees nothing").isEmpty();
    }

    @Test
    void renewTouchesOnlyTheNodesOwnLeasesInOneCall() {
        String a = node("a");
        String b = node("b");
        CallSid one = newCall(tenant);
        CallSid two = newCall(tenant);
        CallSid theirs = newCall(tenant);
        leases.hold(tenant, one, a, t0);
        leases.hold(tenant, two, a, t0);
        leases.hold(tenant, theirs, b, t0);

        assertThat(leases.renew(a, List.of(one, two, theirs, ContractFixtures.callSid()), t0.plusSeconds(10))).isEqualTo(2);

        assertThat(leases.find(tenant, one).orElseThrow().heartbeatAt()).isEqualTo(t0.plusSeconds(10));
        assertThat(leases.find(tenant, theirs).orElseThrow().heartbeatAt()).isEqualTo(t0);
        assertThat(leases.renew(a, List.of(), t0.plusSeconds(11))).isZero();
    }

    @Test
    void aLapsedLeaseIsClaimedOnceWithTheNextGenerationAndAFreshOneIsLeft() {
        String a = node("a");
        String b = node("b");
        CallSid lapsed = newCall(tenant);
        CallSid fresh = newCall(tenant);
        leases.hold(tenant, lapsed, a, t0);
        leases.hold(tenant, fresh, a, t0);
        leases.renew(a, List.of(fresh), t0.plusSeconds(8));
        Set<CallSid> mine = Set.of(lapsed, fresh);

        List<CallLeases.Lapsed> claimed = claimMine(b, t0.plusSeconds(5), t0.plusSeconds(10), mine);

        assertThat(claimed).containsExactly(new CallLeases.Lapsed(tenant, lapsed, a, 1));
        CallLeases.Lease now = leases.find(tenant, lapsed).orElseThrow();
        assertThat(now.node()).isEqualTo(b);
        assertThat(now.heartbeatAt()).isEqualTo(t0.plusSeconds(10));
        assertThat(now.generation()).isEqualTo(1);
        assertThat(claimMine(node("c"), t0.plusSeconds(5), t0.plusSeconds(10), mine)).as("claimed already").isEmpty();
        // the old holder renewing does not take it back
        assertThat(leases.renew(a, List.of(lapsed), t0.plusSeconds(11))).isZero();
        // lapsing again: the generation goes on
        assertThat(claimMine(a, t0.plusSeconds(20), t0.plusSeconds(21), mine))
                .extracting(CallLeases.Lapsed::callSid, CallLeases.Lapsed::generation)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(lapsed, 2), org.assertj.core.groups.Tuple.tuple(fresh, 1));
    }

    @Test
    void aReleasedLeaseIsGoneButOnlyItsHolderReleasesIt() {
        String a = node("a");
        CallSid call = newCall(tenant);
        leases.hold(tenant, call, a, t0);
        leases.release(tenant, call, node("other"));
        assertThat(leases.find(tenant, call)).isPresent();
        leases.release(tenant, call, a);
        assertThat(leases.find(tenant, call)).isEmpty();
        assertThat(claimMine(node("b"), t0.plusSeconds(60), t0.plusSeconds(61), Set.of(call))).isEmpty();
    }

    @Test
    void concurrentSweepersNeverClaimTheSameLease() throws Exception {
        String dead = node("dead");
        List<CallSid> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            CallSid c = newCall(tenant);
            leases.hold(tenant, c, dead, t0);
            calls.add(c);
        }
        Set<CallSid> mine = Set.copyOf(calls);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<CallLeases.Lapsed>>> sweeps = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String survivor = node("s" + i);
                sweeps.add(pool.submit(() -> {
                    go.await(5, TimeUnit.SECONDS);
                    List<CallLeases.Lapsed> got = new ArrayList<>();
                    for (int round = 0; round < 5; round++) {
                        got.addAll(leases.claimLapsed(survivor, t0.plusSeconds(30), t0.plusSeconds(31), 7).stream()
                                .filter(l -> mine.contains(l.callSid())).toList());
                    }
                    return got;
                }));
            }
            go.countDown();
            List<CallSid> all = new ArrayList<>();
            for (Future<List<CallLeases.Lapsed>> f : sweeps) {
                f.get(30, TimeUnit.SECONDS).forEach(l -> all.add(l.callSid()));
            }
            assertThat(all).as("each lapsed lease claimed by exactly one sweeper").doesNotHaveDuplicates();
            assertThat(all.stream().collect(Collectors.toSet())).isSubsetOf(mine);
        } finally {
            pool.shutdownNow();
        }
    }
}
