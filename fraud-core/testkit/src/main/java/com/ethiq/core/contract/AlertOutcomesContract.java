package com.ethiq.core.contract;

import static com.ethiq.core.contract.ContractFixtures.T0;
import static com.ethiq.core.contract.ContractFixtures.callSid;
import static com.ethiq.core.contract.ContractFixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AlertOutcomes;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.UsageLedger;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AlertOutcomes} must do: one outcome is the mark and its usage and audit entry, all or nothing
 * (atomicity); an outcome recorded again writes nothing (idempotency: usage is never counted twice); an outcome only
 * touches its own tenant's alert (isolation); a batch may mix tenants and calls. An outcome recorded with its alert
 * (a send from memory) records the alert too if it is absent, in the same unit of work, under the same rules. Unique
 * tenants per test, so the suite can run against a shared database.
 */
public abstract class AlertOutcomesContract {

    /** A usage event with this detail must fail to be written (the subject's store is wired to refuse it). */
    public static final String POISONED_DETAIL = "contract:poisoned-usage";

    /** The unit of work under test and the three ports of the same store it writes to (for setting up and reading). */
    public record Subject(AlertOutcomes outcomes, AlertOutbox outbox, UsageLedger usage, AuditTrail audit) {
    }

    /** A fresh subject whose usage writes fail for {@link #POISONED_DETAIL}. */
    protected abstract Subject create();

    /** A tenant that exists in the subject's store. */
    protected abstract TenantId newTenant();

    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final YearMonth MONTH = YearMonth.from(T0.atZone(ZoneOffset.UTC));

    protected Subject s;
    private TenantId a;
    private TenantId b;

    @BeforeEach
    void setUpSubject() {
        s = create();
        a = newTenant();
        b = newTenant();
    }

    /** An SMS recorded leased to its sender, first attempt, as a raised scam's are. */
    private Alert recordedSms(TenantId tenant, CallSid call) {
        Alert alert = unrecordedSms(tenant, call);
        assertThat(s.outbox().enqueueClaimed(List.of(alert), T0.plus(LEASE))).containsExactly(alert);
        return alert;
    }

    /** An SMS sent first attempt but not recorded, as one sent from memory while the store was down. */
    private static Alert unrecordedSms(TenantId tenant, CallSid call) {
        return new Alert(UUID.randomUUID(), tenant, call, new AlertRecipient.Phone(phone()), "Alerte Ethiq : appel suspect.",
                Language.FRENCH, AlertStatus.PENDING, 1, T0, T0, null, null, null);
    }

    /** The same alert (call, recipient, message), pending, under {@code id} and {@code tenant}. */
    private static Alert pendingAs(Alert alert, UUID id, TenantId tenant) {
        return new Alert(id, tenant, alert.callSid(), alert.recipient(), alert.message(), alert.language(),
                AlertStatus.PENDING, 1, T0, T0, null, null, null);
    }

    private static AlertOutcomes.Sent sent(Alert alert, String reference, String usageDetail) {
        Instant at = T0.plusSeconds(1);
        return new AlertOutcomes.Sent(alert, at, reference,
                new UsageEvent(UUID.randomUUID(), alert.tenant(), alert.callSid(), UsageKind.SMS_SENT, 1, at, usageDetail),
                AuditEvent.system(UUID.randomUUID(), alert.tenant(), "alert.sent", alert.id().toString(), at,
                        Map.of("kind", "sms", "attempts", "1")));
    }

    private static AlertOutcomes.Failed failed(Alert alert) {
        Instant at = T0.plusSeconds(1);
        return new AlertOutcomes.Failed(alert, at, "invalid number",
                AuditEvent.system(UUID.randomUUID(), alert.tenant(), "alert.failed", alert.id().toString(), at,
                        Map.of("kind", "sms", "permanent", "true")));
    }

    private Alert stored(Alert alert) {
        return s.outbox().forCall(alert.tenant(), alert.callSid()).stream().filter(x -> x.id().equals(alert.id()))
                .findFirst().orElseThrow();
    }

    private List<UsageEvent> usageOf(Alert alert) {
        return s.usage().events(alert.tenant(), MONTH).stream().filter(e -> alert.callSid().equals(e.callSid())).toList();
    }

    private List<AuditEvent> auditOf(Alert alert) {
        return s.audit().recent(alert.tenant(), 100).stream().filter(e -> e.target().equals(alert.id().toString())).toList();
    }

    /** One usage row and one audit entry for this alert: its outcome recorded once. */
    private void billedAndAuditedOnce(Alert alert) {
        assertThat(usageOf(alert)).as("usage of %s", alert.id()).hasSize(1);
        assertThat(auditOf(alert)).as("audit of %s", alert.id()).hasSize(1);
    }

    /** Neither a usage row nor an audit entry for any of these alerts. */
    private void nothingBilledOrAudited(Alert... alerts) {
        for (Alert alert : alerts) {
            assertThat(usageOf(alert)).as("usage of %s", alert.id()).isEmpty();
            assertThat(auditOf(alert)).as("audit of %s", alert.id()).isEmpty();
        }
    }

    @Test
    void aSentOutcomeMarksTheAlertBillsItAndAuditsIt() {
        Alert alert = recordedSms(a, callSid());
        AlertOutcomes.Sent outcome = sent(alert, "SM1", "sms");

        assertThat(s.outcomes().record(outcome)).isTrue();

        assertThat(stored(alert)).matches(x -> x.status() == AlertStatus.SENT && "SM1".equals(x.providerReference()));
        assertThat(usageOf(alert)).singleElement().matches(e -> e.id().equals(outcome.usage().id()) && e.kind() == UsageKind.SMS_SENT);
        assertThat(auditOf(alert)).singleElement().matches(e -> e.action().equals("alert.sent"));
    }

    @Test
    void anOutcomeRecordedAgainWritesNothingSoUsageIsNeverCountedTwice() {
        Alert alert = recordedSms(a, callSid());
        assertThat(s.outcomes().record(sent(alert, "SM1", "sms"))).isTrue();

        // a retried batch, a worker after the lease: fresh event ids each time
        assertThat(s.outcomes().record(sent(alert, "SM2", "sms"))).isFalse();
        assertThat(s.outcomes().recordAll(List.of(sent(alert, "SM3", "sms")))).isEmpty();
        assertThat(s.outcomes().record(failed(alert))).isFalse();
        assertThat(s.outcomes().record(new AlertOutcomes.Retry(alert, T0.plusSeconds(5), "late"))).isFalse();

        assertThat(stored(alert)).matches(x -> x.status() == AlertStatus.SENT && "SM1".equals(x.providerReference()));
        billedAndAuditedOnce(alert);
    }

    @Test
    void anOutcomeWhoseWritesFailLeavesTheAlertPendingWithNothingBilledOrAudited() {
        Alert alert = recordedSms(a, callSid());

        assertThatThrownBy(() -> s.outcomes().record(sent(alert, "SM1", POISONED_DETAIL))).isInstanceOf(RuntimeException.class);

        assertThat(stored(alert)).matches(x -> x.status() == AlertStatus.PENDING && x.providerReference() == null);
        nothingBilledOrAudited(alert);
        // nothing half-written stands in the way of the retry
        assertThat(s.outcomes().record(sent(alert, "SM1", "sms"))).isTrue();
        billedAndAuditedOnce(alert);
    }

    @Test
    void anOutcomeTouchesOnlyItsOwnTenantsAlert() {
        Alert theirs = recordedSms(b, callSid());
        Alert posingAsMine = pendingAs(theirs, theirs.id(), a);

        assertThat(s.outcomes().record(sent(posingAsMine, "SMx", "sms"))).isFalse();
        assertThat(s.outcomes().record(failed(posingAsMine))).isFalse();

        assertThat(stored(theirs).status()).isEqualTo(AlertStatus.PENDING);
        nothingBilledOrAudited(posingAsMine, theirs);
    }

    @Test
    void aBatchRecordsTheOutcomesOfSeveralCallsAndTenantsTogether() {
        Alert sentA = recordedSms(a, callSid());
        Alert failedA = recordedSms(a, callSid());
        Alert retriedB = recordedSms(b, callSid());
        Alert sentB = recordedSms(b, callSid());
        AlertOutcomes.Retry retry = new AlertOutcomes.Retry(retriedB, T0.plusSeconds(2), "timeout");

        List<AlertOutcomes.Outcome> recorded = s.outcomes().recordAll(List.of(sent(sentA, "SMa", "sms"), failed(failedA), retry,
                sent(sentB, "SMb", "sms")));

        assertThat(recorded).extracting(o -> o.alert().id())
                .containsExactlyInAnyOrder(sentA.id(), failedA.id(), retriedB.id(), sentB.id());
        assertThat(stored(sentA).status()).isEqualTo(AlertStatus.SENT);
        assertThat(stored(sentB).status()).isEqualTo(AlertStatus.SENT);
        assertThat(stored(failedA)).matches(x -> x.status() == AlertStatus.FAILED && "invalid number".equals(x.lastError()));
        assertThat(stored(retriedB)).matches(x -> x.status() == AlertStatus.PENDING && "timeout".equals(x.lastError()));
        assertThat(usageOf(sentA)).hasSize(1);
        assertThat(usageOf(sentB)).hasSize(1);
        assertThat(usageOf(failedA)).isEmpty();
        assertThat(usageOf(retriedB)).isEmpty();
        assertThat(auditOf(failedA)).singleElement().matches(e -> e.action().equals("alert.failed"));
        assertThat(auditOf(retriedB)).isEmpty();
        // the retry released the lease: a worker claims the alert when it is due, long before the lease would end
        assertThat(s.outbox().claimDue(T0.plusSeconds(3), 100_000, LEASE)).anyMatch(x -> x.id().equals(retriedB.id()));
    }

    @Test
    void anAbsentAlertRecordedWithItsOutcomeIsStoredAsSentBilledAndAuditedOnce() {
        Alert alert = unrecordedSms(a, callSid());
        AlertOutcomes.Sent outcome = sent(alert, "SM1", "sms");

        assertThat(s.outcomes().recordWithAlert(outcome)).isTrue();

        assertThat(s.outbox().forCall(a, alert.callSid())).singleElement().matches(x -> x.id().equals(alert.id())
                && x.status() == AlertStatus.SENT && "SM1".equals(x.providerReference()) && outcome.at().equals(x.sentAt())
                && x.attempts() == 1 && x.recipient().equals(alert.recipient()) && x.message().equals(alert.message()));
        assertThat(usageOf(alert)).singleElement().matches(e -> e.id().equals(outcome.usage().id()));
        assertThat(auditOf(alert)).singleElement().matches(e -> e.id().equals(outcome.audit().id()));
        // recorded final: no worker ever sends it again
        assertThat(s.outbox().claimDue(T0.plus(LEASE.multipliedBy(2)), 100_000, LEASE)).noneMatch(x -> x.id().equals(alert.id()));
    }

    @Test
    void aPendingAlertRecordedWithItsOutcomeIsMarkedAsRecordMarksIt() {
        // recorded leased by a write that hung and committed late, while the alert was sent from memory
        Alert alert = recordedSms(a, callSid());

        assertThat(s.outcomes().recordWithAlert(sent(alert, "SM1", "sms"))).isTrue();

        assertThat(s.outbox().forCall(a, alert.callSid())).singleElement()
                .matches(x -> x.status() == AlertStatus.SENT && "SM1".equals(x.providerReference()));
        billedAndAuditedOnce(alert);
    }

    @Test
    void aFinalAlertRecordedWithAnOutcomeGetsNothing() {
        Alert sentAlready = recordedSms(a, callSid());
        assertThat(s.outcomes().record(sent(sentAlready, "SM1", "sms"))).isTrue();
        Alert failedAlready = recordedSms(a, callSid());
        assertThat(s.outcomes().record(failed(failedAlready))).isTrue();

        assertThat(s.outcomes().recordWithAlert(sent(sentAlready, "SM2", "sms"))).isFalse();
        assertThat(s.outcomes().recordWithAlert(sent(failedAlready, "SM3", "sms"))).isFalse();

        assertThat(stored(sentAlready)).matches(x -> x.status() == AlertStatus.SENT && "SM1".equals(x.providerReference()));
        assertThat(stored(failedAlready)).matches(x -> x.status() == AlertStatus.FAILED && x.providerReference() == null);
        assertThat(usageOf(sentAlready)).hasSize(1);
        assertThat(usageOf(failedAlready)).isEmpty();
        assertThat(auditOf(sentAlready)).hasSize(1);
        assertThat(auditOf(failedAlready)).singleElement().matches(e -> e.action().equals("alert.failed"));
    }

    @Test
    void anAlertRecordedWithItsOutcomeTwiceIsBilledOnce() {
        Alert alert = unrecordedSms(a, callSid());

        // the write retried after a commit whose answer was lost: same alert, fresh event ids
        assertThat(s.outcomes().recordWithAlert(sent(alert, "SM1", "sms"))).isTrue();
        assertThat(s.outcomes().recordWithAlert(sent(alert, "SM1", "sms"))).isFalse();
        assertThat(s.outcomes().record(sent(alert, "SM1", "sms"))).isFalse();

        assertThat(s.outbox().forCall(a, alert.callSid())).singleElement().matches(x -> x.status() == AlertStatus.SENT);
        billedAndAuditedOnce(alert);
    }

    @Test
    void anAlertWhoseKeyAnotherAlertHoldsIsNotRecordedAgain() {
        // another node recorded the call's alert to this recipient under an id of its own: its send is its own to record
        Alert theirs = recordedSms(a, callSid());
        Alert mine = pendingAs(theirs, UUID.randomUUID(), a);

        assertThat(s.outcomes().recordWithAlert(sent(mine, "SM1", "sms"))).isFalse();

        assertThat(s.outbox().forCall(a, theirs.callSid())).singleElement()
                .matches(x -> x.id().equals(theirs.id()) && x.status() == AlertStatus.PENDING);
        nothingBilledOrAudited(theirs, mine);
    }

    @Test
    void anAlertRecordedWithItsOutcomeNeverTouchesAnotherTenantsAlertOfTheSameId() {
        Alert theirs = recordedSms(b, callSid());
        Alert mine = pendingAs(theirs, theirs.id(), a);

        // Ids are per tenant: what is written is this tenant's own alert (a store scoped to it cannot even see theirs,
        // so nothing tells it that the id is taken elsewhere), never a mark, usage or entry of theirs.
        assertThat(s.outcomes().recordWithAlert(sent(mine, "SMx", "sms"))).isTrue();

        assertThat(stored(theirs)).matches(x -> x.status() == AlertStatus.PENDING && x.providerReference() == null);
        nothingBilledOrAudited(theirs);
        assertThat(stored(mine)).matches(x -> x.tenant().equals(a) && x.status() == AlertStatus.SENT);
        assertThat(usageOf(mine)).hasSize(1);
    }

    @Test
    void anAbsentAlertWhoseOutcomeFailsToBeWrittenIsNotRecordedEither() {
        Alert alert = unrecordedSms(a, callSid());

        assertThatThrownBy(() -> s.outcomes().recordWithAlert(sent(alert, "SM1", POISONED_DETAIL)))
                .isInstanceOf(RuntimeException.class);

        assertThat(s.outbox().forCall(a, alert.callSid())).isEmpty();
        nothingBilledOrAudited(alert);
        // the kept write retried: all of it goes in
        assertThat(s.outcomes().recordWithAlert(sent(alert, "SM1", "sms"))).isTrue();
        assertThat(stored(alert).status()).isEqualTo(AlertStatus.SENT);
        billedAndAuditedOnce(alert);
    }
}
