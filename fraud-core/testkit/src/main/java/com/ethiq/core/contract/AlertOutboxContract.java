package com.ethiq.core.contract;

import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.PhoneNumber;
import static com.ethiq.core.contract.ContractFixtures.T0;
import static com.ethiq.core.contract.ContractFixtures.callSid;
import static com.ethiq.core.contract.ContractFixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AlertOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AlertOutbox} must do. Unique ids per test; because {@code claimDue} serves every tenant,
 * assertions only look at this test's own alerts, so the suite can run against a shared database.
 */
public abstract class AlertOutboxContract {

    protected abstract AlertOutbox create();

    /** A tenant that exists in the store the alerts belong to. */
    protected abstract TenantId newTenant();

    private static final Duration LEASE = Duration.ofMinutes(1);
    /** Large enough to take every due alert of a shared database in one go. */
    private static final int ALL = 100_000;

    protected AlertOutbox outbox;
    private TenantId a;
    private TenantId b;

    @BeforeEach
    void setUpOutbox() {
        outbox = create();
        a = newTenant();
        b = newTenant();
    }

    private static Alert sms(TenantId tenant, CallSid call, Instant at) {
        return Alert.pending(UUID.randomUUID(), tenant, call, new AlertRecipient.Phone(phone()),
                "Alerte Ethiq : appel suspect en cours.", Language.FRENCH, at);
    }

    private static Alert announcement(TenantId tenant, CallSid call, Instant at) {
        return Alert.pending(UUID.randomUUID(), tenant, call,
                new AlertRecipient.Conference(ConferenceName.forCall(tenant, call)), "Attention, cet appel ressemble à une arnaque.", Language.FRENCH, at);
    }

    private static Optional<Alert> mine(List<Alert> claimed, Alert alert) {
        return claimed.stream().filter(c -> c.tenant().equals(alert.tenant()) && c.id().equals(alert.id())).findFirst();
    }

    @Test
    void anAlertRecordedClaimedIsNotClaimedByWorkersUntilItsLeaseEndsAndIsMarkedByItsRecorder() {
        CallSid call = callSid();
        Alert first = sms(a, call, T0);
        Alert claimedOnce = new Alert(first.id(), a, call, first.recipient(), first.message(), first.language(),
                AlertStatus.PENDING, 1, T0, T0, null, null, null);
        Alert announced = announcement(a, call, T0);
        assertThat(outbox.enqueueClaimed(List.of(claimedOnce, announced), T0.plus(LEASE))).containsExactly(claimedOnce, announced);
        assertThat(outbox.enqueueClaimed(List.of(new Alert(UUID.randomUUID(), a, call, first.recipient(), "again",
                Language.FRENCH, AlertStatus.PENDING, 1, T0, T0, null, null, null)), T0.plus(LEASE)))
                .as("same idempotency key").isEmpty();
        assertThat(outbox.enqueue(first)).isFalse();

        List<Alert> early = outbox.claimDue(T0.plusSeconds(1), ALL, LEASE);
        assertThat(mine(early, first)).isEmpty();
        assertThat(mine(early, announced)).isEmpty();
        assertThat(outbox.markSent(a, first.id(), T0.plusSeconds(2), "SM-claimed")).isTrue();
        List<Alert> afterLease = outbox.claimDue(T0.plus(LEASE).plusSeconds(1), ALL, LEASE);
        assertThat(mine(afterLease, first)).as("marked sent by its recorder").isEmpty();
        assertThat(mine(afterLease, announced)).as("unmarked: back after its lease").isPresent();
        assertThat(outbox.forCall(a, call)).filteredOn(x -> x.id().equals(first.id())).singleElement()
                .matches(x -> x.status() == AlertStatus.SENT && x.attempts() == 1 && "SM-claimed".equals(x.providerReference()));
    }

    @Test
    void anAlertRecordedClaimedAndNeverMarkedComesBackToTheWorkersWhenItsLeaseEnds() {
        Alert alert = sms(a, callSid(), T0);
        assertThat(outbox.enqueueClaimed(List.of(alert), T0.plus(LEASE))).containsExactly(alert);
        assertThat(mine(outbox.claimDue(T0.plus(LEASE).minusSeconds(1), ALL, LEASE), alert)).isEmpty();
        assertThat(mine(outbox.claimDue(T0.plus(LEASE), ALL, LEASE), alert)).isPresent();
    }

    @Test
    void anAlertIsRecordedOnceWhateverTheNumberOfAttempts() {
        CallSid call = callSid();
        Alert alert = sms(a, call, T0);
        Alert sameKey = new Alert(UUID.randomUUID(), a, call, alert.recipient(), "another text",
                Language.ENGLISH, AlertStatus.PENDING, 0, T0.plusSeconds(1), T0.plusSeconds(1), null, null, null);

        assertThat(outbox.enqueue(alert)).isTrue();
        assertThat(outbox.enqueue(alert)).isFalse();
        assertThat(outbox.enqueue(sameKey)).isFalse();

        assertThat(outbox.forCall(a, call)).containsExactly(alert);
    }

    @Test
    void eachRecipientAndKindOfACallIsItsOwnAlert() {
        CallSid call = callSid();
        Alert toSophie = sms(a, call, T0);
        Alert toLuc = sms(a, call, T0.plusSeconds(1));
        Alert spoken = announcement(a, call, T0.plusSeconds(2));
        Alert otherCall = sms(a, callSid(), T0.plusSeconds(3));

        assertThat(List.of(toSophie, toLuc, spoken, otherCall)).allSatisfy(x -> assertThat(outbox.enqueue(x)).isTrue());

        assertThat(outbox.forCall(a, call)).containsExactlyInAnyOrder(toSophie, toLuc, spoken);
    }

    @Test
    void alertIdsAreScopedToTheirTenant() {
        Alert mine = sms(a, callSid(), T0);
        Alert theirsWithSameId = new Alert(mine.id(), b, callSid(), new AlertRecipient.Phone(phone()), "x", Language.FRENCH,
                AlertStatus.PENDING, 0, T0, T0, null, null, null);

        assertThat(outbox.enqueue(mine)).isTrue();
        assertThat(outbox.enqueue(theirsWithSameId)).isTrue();
        assertThat(outbox.recent(b, 10)).containsExactly(theirsWithSameId);
    }

    @Test
    void aClaimLeasesDueAlertsAndCountsTheAttempt() {
        Alert alert = sms(a, callSid(), T0);
        outbox.enqueue(alert);

        Alert claimed = mine(outbox.claimDue(T0.plusSeconds(1), ALL, LEASE), alert).orElseThrow();
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.status()).isEqualTo(AlertStatus.PENDING);
        assertThat(claimed.recipient()).isEqualTo(alert.recipient());

        assertThat(mine(outbox.claimDue(T0.plusSeconds(30), ALL, LEASE), alert)).isEmpty();
        Alert again = mine(outbox.claimDue(T0.plusSeconds(1).plus(LEASE), ALL, LEASE), alert).orElseThrow();
        assertThat(again.attempts()).isEqualTo(2);
    }

    @Test
    void alertsNotYetDueAreNotClaimed() {
        Alert later = Alert.pending(UUID.randomUUID(), a, callSid(), new AlertRecipient.Phone(phone()), "x", Language.FRENCH,
                T0.plusSeconds(600));
        outbox.enqueue(later);

        assertThat(mine(outbox.claimDue(T0.plusSeconds(599), ALL, LEASE), later)).isEmpty();
        assertThat(mine(outbox.claimDue(T0.plusSeconds(600), ALL, LEASE), later)).isPresent();
    }

    @Test
    void aClaimTakesAtMostMaxAlerts() {
        for (int i = 0; i < 3; i++) {
            outbox.enqueue(sms(a, callSid(), T0));
        }

        assertThat(outbox.claimDue(T0, 1, LEASE)).hasSize(1);
        assertThat(outbox.claimDue(T0, 0, LEASE)).isEmpty();
    }

    @Test
    void aSentAlertIsFinal() {
        Alert alert = sms(a, callSid(), T0);
        outbox.enqueue(alert);
        mine(outbox.claimDue(T0, ALL, LEASE), alert).orElseThrow();

        assertThat(outbox.markSent(a, alert.id(), T0.plusSeconds(2), "SM123")).isTrue();

        Alert sent = outbox.forCall(a, alert.callSid()).get(0);
        assertThat(sent.status()).isEqualTo(AlertStatus.SENT);
        assertThat(sent.sentAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(sent.providerReference()).isEqualTo("SM123");
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(outbox.markSent(a, alert.id(), T0.plusSeconds(3), "SM124")).isFalse();
        assertThat(outbox.markRetry(a, alert.id(), T0.plusSeconds(3), "late")).isFalse();
        assertThat(outbox.markFailed(a, alert.id(), T0.plusSeconds(3), "late")).isFalse();
        assertThat(mine(outbox.claimDue(T0.plus(Duration.ofHours(1)), ALL, LEASE), alert)).isEmpty();
    }

    @Test
    void aRetryReleasesTheLeaseAndWaitsUntilTheNextAttempt() {
        Alert alert = sms(a, callSid(), T0);
        outbox.enqueue(alert);
        mine(outbox.claimDue(T0, ALL, LEASE), alert).orElseThrow();

        assertThat(outbox.markRetry(a, alert.id(), T0.plusSeconds(20), "provider timeout")).isTrue();

        Alert waiting = outbox.forCall(a, alert.callSid()).get(0);
        assertThat(waiting.status()).isEqualTo(AlertStatus.PENDING);
        assertThat(waiting.nextAttemptAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(waiting.lastError()).isEqualTo("provider timeout");
        assertThat(mine(outbox.claimDue(T0.plusSeconds(19), ALL, LEASE), alert)).isEmpty();
        assertThat(mine(outbox.claimDue(T0.plusSeconds(20), ALL, LEASE), alert).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void aFailedAlertIsNeverClaimedAgain() {
        Alert alert = sms(a, callSid(), T0);
        outbox.enqueue(alert);

        assertThat(outbox.markFailed(a, alert.id(), T0.plusSeconds(1), "invalid number")).isTrue();

        Alert failed = outbox.forCall(a, alert.callSid()).get(0);
        assertThat(failed.status()).isEqualTo(AlertStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("invalid number");
        assertThat(mine(outbox.claimDue(T0.plus(Duration.ofDays(1)), ALL, LEASE), alert)).isEmpty();
    }

    @Test
    void anUndeliveredReportFailsTheSentAlertOnceAndOnlyForItsTenant() {
        Alert alert = sms(a, callSid(), T0);
        outbox.enqueue(alert);
        mine(outbox.claimDue(T0, ALL, LEASE), alert).orElseThrow();
        String ref = "SM" + UUID.randomUUID().toString().replace("-", "");
        outbox.markSent(a, alert.id(), T0.plusSeconds(1), ref);

        assertThat(outbox.markUndelivered(b, ref, T0.plusSeconds(30), "not delivered")).as("another tenant").isEmpty();
        Alert before = outbox.markUndelivered(a, ref, T0.plusSeconds(30), "not delivered (error 30003)").orElseThrow();

        assertThat(before.id()).isEqualTo(alert.id());
        assertThat(before.status()).isEqualTo(AlertStatus.SENT);
        Alert failed = outbox.forCall(a, alert.callSid()).get(0);
        assertThat(failed.status()).isEqualTo(AlertStatus.FAILED);
        assertThat(failed.providerReference()).isEqualTo(ref);
        assertThat(failed.lastError()).isEqualTo("not delivered (error 30003)");
        assertThat(outbox.markUndelivered(a, ref, T0.plusSeconds(31), "again")).as("a repeated report").isEmpty();
        assertThat(outbox.markUndelivered(a, "SMunknown", T0.plusSeconds(31), "x")).isEmpty();
        assertThat(mine(outbox.claimDue(T0.plus(Duration.ofDays(1)), ALL, LEASE), alert)).isEmpty();
    }

    @Test
    void anotherTenantCannotMarkOrSeeAnAlert() {
        Alert theirs = sms(b, callSid(), T0);
        outbox.enqueue(theirs);

        assertThat(outbox.markSent(a, theirs.id(), T0, "x")).isFalse();
        assertThat(outbox.markRetry(a, theirs.id(), T0, "x")).isFalse();
        assertThat(outbox.markFailed(a, theirs.id(), T0, "x")).isFalse();
        assertThat(outbox.forCall(a, theirs.callSid())).isEmpty();
        assertThat(outbox.recent(a, 10)).isEmpty();
        assertThat(outbox.forCall(b, theirs.callSid())).containsExactly(theirs);
    }

    @Test
    void recentListsNewestFirstUpToTheLimit() {
        Alert first = sms(a, callSid(), T0);
        Alert third = sms(a, callSid(), T0.plusSeconds(20));
        Alert second = sms(a, callSid(), T0.plusSeconds(10));
        List.of(first, third, second).forEach(outbox::enqueue);

        assertThat(outbox.recent(a, 10)).containsExactly(third, second, first);
        assertThat(outbox.recent(a, 2)).containsExactly(third, second);
    }

    @Test
    void racingRecordersLeaveExactlyOneAlert() throws Exception {
        CallSid call = callSid();
        String recipient = phone().e164();
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return outbox.enqueue(Alert.pending(UUID.randomUUID(), a, call, new AlertRecipient.Phone(PhoneNumber.of(recipient)), "x",
                            Language.FRENCH, T0));
                }));
            }
            go.countDown();
            int recorded = 0;
            for (Future<Boolean> f : results) {
                recorded += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(recorded).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(outbox.forCall(a, call)).hasSize(1);
    }

    @Test
    void racingClaimersNeverClaimAnAlertTwice() throws Exception {
        Set<UUID> mineIds = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 40; i++) {
            Alert alert = sms(i % 2 == 0 ? a : b, callSid(), T0);
            outbox.enqueue(alert);
            mineIds.add(alert.id());
        }
        int workers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Alert>>> results = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                results.add(pool.submit(() -> {
                    go.await();
                    List<Alert> got = new ArrayList<>();
                    List<Alert> batch;
                    do {
                        batch = outbox.claimDue(T0.plusSeconds(1), 3, Duration.ofHours(1));
                        got.addAll(batch);
                    } while (!batch.isEmpty());
                    return got;
                }));
            }
            go.countDown();
            List<String> claimedKeys = new ArrayList<>();
            for (Future<List<Alert>> f : results) {
                for (Alert x : f.get(60, TimeUnit.SECONDS)) {
                    claimedKeys.add(x.tenant() + "/" + x.id());
                }
            }
            assertThat(claimedKeys).doesNotHaveDuplicates();
            Set<UUID> claimedMine = claimedKeys.stream().map(k -> UUID.fromString(k.substring(k.indexOf('/') + 1)))
                    .filter(mineIds::contains).collect(Collectors.toSet());
            assertThat(claimedMine).isEqualTo(mineIds);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPhoneOfflineNoticeIsKeptApartFromTheScamSmsToTheSameContactOnTheSameCall() {
        CallSid call = callSid();
        PhoneNumber contact = phone();
        Alert scam = Alert.pending(UUID.randomUUID(), a, call, new AlertRecipient.Phone(contact), "Alerte", Language.FRENCH, T0);
        Alert offline = Alert.pending(UUID.randomUUID(), a, call, new AlertRecipient.ContactNotice(AlertKind.PHONE_OFFLINE, contact),
                "Le téléphone protégé semble hors ligne.", Language.FRENCH, T0);
        assertThat(outbox.enqueue(scam)).isTrue();
        assertThat(outbox.enqueue(offline)).isTrue();
        assertThat(outbox.enqueue(Alert.pending(UUID.randomUUID(), a, call, new AlertRecipient.ContactNotice(AlertKind.PHONE_OFFLINE, contact), "again",
                Language.FRENCH, T0))).as("once per call and contact").isFalse();

        assertThat(outbox.forCall(a, call)).extracting(Alert::kind)
                .containsExactlyInAnyOrder(AlertKind.SMS, AlertKind.PHONE_OFFLINE);
        assertThat(outbox.forCall(a, call)).filteredOn(x -> x.kind() == AlertKind.PHONE_OFFLINE).singleElement()
                .satisfies(x -> assertThat(x.recipient().textedNumber()).contains(contact));
    }

    @Test
    void aReportedCallerNoticeIsKeptApartFromTheScamSmsAndSentOncePerCallAndContact() {
        CallSid call = callSid();
        PhoneNumber contact = phone();
        assertThat(outbox.enqueue(Alert.pending(UUID.randomUUID(), a, call, new AlertRecipient.Phone(contact), "Alerte",
                Language.FRENCH, T0))).isTrue();
        assertThat(outbox.enqueue(Alert.pending(UUID.randomUUID(), a, call, new AlertRecipient.ContactNotice(AlertKind.REPORTED_CALLER, contact),
                "Un numéro signalé appelle.", Language.FRENCH, T0))).isTrue();
        assertThat(outbox.enqueue(Alert.pending(UUID.randomUUID(), a, call, new AlertRecipient.ContactNotice(AlertKind.REPORTED_CALLER, contact),
                "again", Language.FRENCH, T0))).as("once per call and contact").isFalse();

        assertThat(outbox.forCall(a, call)).filteredOn(x -> x.kind() == AlertKind.REPORTED_CALLER).singleElement()
                .satisfies(x -> assertThat(x.recipient()).isEqualTo(new AlertRecipient.ContactNotice(AlertKind.REPORTED_CALLER, contact)));
    }

    @Test
    void everyNoticeKindIsStoredApartFromTheScamSmsOncePerCallAndContactAndReadBackWithItsKind() {
        CallSid call = callSid();
        PhoneNumber contact = phone();
        assertThat(outbox.enqueue(Alert.pending(UUID.randomUUID(), a, call, new AlertRecipient.Phone(contact), "Alerte",
                Language.FRENCH, T0))).isTrue();
        java.util.List<AlertKind> notices = java.util.Arrays.stream(AlertKind.values()).filter(AlertKind::notice).toList();
        for (AlertKind kind : notices) {
            AlertRecipient notice = new AlertRecipient.ContactNotice(kind, contact);
            assertThat(outbox.enqueue(Alert.pending(UUID.randomUUID(), a, call, notice, "Avis " + kind.wire(), Language.FRENCH, T0)))
                    .as(kind.wire()).isTrue();
            assertThat(outbox.enqueue(Alert.pending(UUID.randomUUID(), a, call, notice, "again", Language.FRENCH, T0)))
                    .as("%s once per call and contact", kind.wire()).isFalse();
        }

        assertThat(outbox.forCall(a, call)).hasSize(1 + notices.size());
        for (AlertKind kind : notices) {
            assertThat(outbox.forCall(a, call)).filteredOn(x -> x.kind() == kind).singleElement().satisfies(x -> {
                assertThat(x.recipient()).isEqualTo(new AlertRecipient.ContactNotice(kind, contact));
                assertThat(x.message()).isEqualTo("Avis " + kind.wire());
            });
        }
    }
}
