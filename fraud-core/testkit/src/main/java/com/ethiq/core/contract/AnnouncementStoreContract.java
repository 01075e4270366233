package com.ethiq.core.contract;

import static com.ethiq.core.contract.ContractFixtures.T0;
import static com.ethiq.core.contract.ContractFixtures.callSid;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.Announcement;
import com.ethiq.core.domain.AnnouncementAudience;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AnnouncementStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AnnouncementStore} must do. Unique ids per test, so it can run against a shared database. */
public abstract class AnnouncementStoreContract {

    protected abstract AnnouncementStore create();

    /** A tenant that exists in the store the announcements belong to. */
    protected abstract TenantId newTenant();

    protected AnnouncementStore store;
    private TenantId a;
    private TenantId b;

    @BeforeEach
    void setUpAnnouncements() {
        store = create();
        a = newTenant();
        b = newTenant();
    }

    private static String reference() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static Announcement announcement(TenantId tenant, CallSid call, String key, int secondsAfterT0) {
        return new Announcement(reference(), tenant, call, "Attention : ne donnez jamais vos codes bancaires, é à ç.",
                Language.FRENCH, AnnouncementAudience.PROTECTED_PERSON, key, 1, false, T0.plusSeconds(secondsAfterT0));
    }

    @Test
    void aSavedAnnouncementIsFoundByItsReferenceAloneWithEverythingKept() {
        Announcement saved = announcement(a, callSid(), "alert-1", 0);
        assertThat(store.saveIfAbsent(saved)).isEqualTo(saved);

        Optional<Announcement> found = store.find(saved.reference());
        assertThat(found).contains(saved);
        assertThat(found.get().tenant()).isEqualTo(a); // the row says whose it is: no tenant needed to look it up
        assertThat(store.find(reference())).isEmpty();
    }

    @Test
    void theSameIdempotencyKeyReusesTheFirstReferenceButOnlyWithinATenant() {
        CallSid call = callSid();
        Announcement first = store.saveIfAbsent(announcement(a, call, "alert-2", 0));
        Announcement retried = store.saveIfAbsent(announcement(a, call, "alert-2", 5));
        Announcement otherTenant = store.saveIfAbsent(announcement(b, callSid(), "alert-2", 5));

        assertThat(retried).isEqualTo(first);
        assertThat(otherTenant.reference()).isNotEqualTo(first.reference());
        assertThat(otherTenant.tenant()).isEqualTo(b);
    }

    @Test
    void onlyTheFirstClaimServesTheWords() {
        Announcement saved = store.saveIfAbsent(announcement(a, callSid(), "alert-3", 0));

        Optional<Announcement> first = store.claim(saved.reference());
        assertThat(first).isPresent();
        assertThat(first.get().served()).isTrue();
        assertThat(first.get().text()).isEqualTo(saved.text());
        assertThat(store.claim(saved.reference())).isEmpty();
        assertThat(store.claim(reference())).isEmpty();
        assertThat(store.find(saved.reference()).orElseThrow().served()).isTrue();
    }

    @Test
    void concurrentClaimsServeExactlyOnce() throws Exception {
        Announcement saved = store.saveIfAbsent(announcement(a, callSid(), "alert-4", 0));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Announcement>>> claims = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                claims.add(pool.submit(() -> store.claim(saved.reference())));
            }
            int served = 0;
            for (Future<Optional<Announcement>> f : claims) {
                served += f.get().isPresent() ? 1 : 0;
            }
            assertThat(served).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReplayReopensTheCallsLatestAnnouncementUpToTheLimit() {
        CallSid call = callSid();
        Announcement older = store.saveIfAbsent(announcement(a, call, "alert-5a", 0));
        Announcement latest = store.saveIfAbsent(announcement(a, call, "alert-5b", 10));
        store.claim(latest.reference());

        Optional<Announcement> again = store.replay(a, call, 3);
        assertThat(again).isPresent();
        assertThat(again.get().reference()).isEqualTo(latest.reference());
        assertThat(again.get().plays()).isEqualTo(2);
        assertThat(again.get().served()).isFalse();
        assertThat(store.claim(latest.reference())).isPresent(); // servable once more

        assertThat(store.replay(a, call, 3).orElseThrow().plays()).isEqualTo(3);
        assertThat(store.replay(a, call, 3)).isEmpty(); // played three times: no more
        assertThat(store.find(older.reference()).orElseThrow().plays()).isEqualTo(1);
    }

    @Test
    void aReplayNeverCrossesTenantsOrCalls() {
        CallSid call = callSid();
        store.saveIfAbsent(announcement(a, call, "alert-6", 0));

        assertThat(store.replay(b, call, 3)).isEmpty();
        assertThat(store.replay(a, callSid(), 3)).isEmpty();
    }
}
