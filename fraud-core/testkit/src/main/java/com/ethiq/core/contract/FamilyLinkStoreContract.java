package com.ethiq.core.contract;

import static com.ethiq.core.contract.ContractFixtures.T0;
import static com.ethiq.core.contract.ContractFixtures.callSid;
import static com.ethiq.core.contract.ContractFixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.family.FamilyActionTaken;
import com.ethiq.core.family.FamilyLink;
import com.ethiq.core.family.FamilyTokens;
import com.ethiq.core.port.FamilyLinkStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link FamilyLinkStore} must do. Unique ids per test, so it can run against a shared database. */
public abstract class FamilyLinkStoreContract {

    protected abstract FamilyLinkStore create();

    /** A tenant that exists in the store the links belong to. */
    protected abstract TenantId newTenant();

    protected FamilyLinkStore store;
    private TenantId a;
    private TenantId b;

    @BeforeEach
    void setUpFamilyLinks() {
        store = create();
        a = newTenant();
        b = newTenant();
    }

    private static FamilyLink link(TenantId tenant, CallSid call, int secondsAfterT0) {
        return FamilyLink.issued(UUID.randomUUID(), tenant, call, UUID.randomUUID(), UUID.randomUUID(), phone(),
                FamilyTokens.hash(FamilyTokens.newToken()), T0.plusSeconds(secondsAfterT0));
    }

    private static FamilyActionTaken taken(TenantId tenant, CallSid call, String action, int secondsAfterT0) {
        return new FamilyActionTaken(tenant, call, action, "contact:" + UUID.randomUUID(), "Paul", T0.plusSeconds(secondsAfterT0));
    }

    @Test
    void aLinkIsFoundByItsHashOnlyAndKeepsEveryField() {
        FamilyLink l = link(a, callSid(), 0);
        store.save(l);

        assertThat(store.findByHash(l.tokenHash())).contains(l);
        assertThat(store.findByHash(FamilyTokens.hash(FamilyTokens.newToken()))).isEmpty();
        assertThat(l.expiresAt()).isEqualTo(T0.plus(FamilyLink.LIFETIME));
    }

    @Test
    void savingTheSameLinkTwiceKeepsOne() {
        CallSid call = callSid();
        FamilyLink l = link(a, call, 0);
        store.save(l);
        store.save(l);

        assertThat(store.forCall(a, call)).containsExactly(l);
    }

    @Test
    void theLinksOfACallAreTheTenantsOnly() {
        CallSid call = callSid();
        FamilyLink second = link(a, call, 20);
        FamilyLink first = link(a, call, 10);
        store.save(second);
        store.save(first);
        store.save(link(a, callSid(), 5));

        assertThat(store.forCall(a, call)).containsExactly(first, second);
        assertThat(store.forCall(b, call)).isEmpty();
    }

    @Test
    void aLinkIsRevokedOnceAndOnlyByItsTenant() {
        FamilyLink l = link(a, callSid(), 0);
        store.save(l);

        assertThat(store.revoke(b, l.id(), T0.plusSeconds(5))).isFalse();
        assertThat(store.findByHash(l.tokenHash()).orElseThrow().revoked()).isEmpty();
        assertThat(store.revoke(a, l.id(), T0.plusSeconds(5))).isTrue();
        assertThat(store.revoke(a, l.id(), T0.plusSeconds(6))).isFalse();
        FamilyLink revoked = store.findByHash(l.tokenHash()).orElseThrow();
        assertThat(revoked.revoked()).contains(T0.plusSeconds(5));
        assertThat(revoked.usableAt(T0.plusSeconds(6))).isFalse();
        assertThat(store.revoke(a, UUID.randomUUID(), T0)).isFalse();
    }

    @Test
    void anActionIsClaimedOncePerCallAndAction() {
        CallSid call = callSid();

        assertThat(store.claimAction(taken(a, call, "join", 1))).isTrue();
        assertThat(store.claimAction(taken(a, call, "join", 2))).isFalse();
        assertThat(store.claimAction(taken(a, call, "end", 3))).isTrue();
        assertThat(store.claimAction(taken(a, callSid(), "join", 4))).isTrue();
        assertThat(store.claimAction(taken(b, call, "join", 5))).isTrue();

        assertThat(store.actions(a, call)).extracting(FamilyActionTaken::action).containsExactly("join", "end");
        assertThat(store.actions(a, call).get(0).at()).isEqualTo(T0.plusSeconds(1));
        assertThat(store.actions(b, call)).extracting(FamilyActionTaken::action).containsExactly("join");
    }

    @Test
    void aReleasedActionCanBeClaimedAgain() {
        CallSid call = callSid();
        store.claimAction(taken(a, call, "handling", 1));

        assertThat(store.releaseAction(b, call, "handling")).isFalse();
        assertThat(store.releaseAction(a, call, "handling")).isTrue();
        assertThat(store.releaseAction(a, call, "handling")).isFalse();
        assertThat(store.actions(a, call)).isEmpty();
        assertThat(store.claimAction(taken(a, call, "handling", 2))).isTrue();
    }

    @Test
    void concurrentClaimsOfOneActionLeaveExactlyOneWinner() throws Exception {
        CallSid call = callSid();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    go.await();
                    return store.claimAction(taken(a, call, "join", n));
                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<Boolean> f : results) {
                winners += f.get(20, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(store.actions(a, call)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
