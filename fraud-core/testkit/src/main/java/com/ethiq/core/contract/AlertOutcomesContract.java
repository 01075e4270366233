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
 * touches its own tenant's alert (isolation); a batch may mix tenants and calls. Unique tenants per test, so the suite
 * can run against a shared database.
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
        Alert alert = new Alert(UUID.randomUUID(), tenant, call, new AlertRecipient.Phone(phone()), "Alerte Ethiq : appel suspect.",
                Language.FRENCH, AlertStatus.PENDING, 1, T0, T0, null, null, null);
        assertThat(s.outbox().enqueueClaimed(List.of(alert), T0.plus(LEASE))).containsExactly(alert);
        return alert;
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
        assertThat(usageOf(alert)).hasSize(1);
        assertThat(auditOf(alert)).hasSize(1);
    }

    @Test
    void anOutcomeWhoseWritesFailLeavesTheAlertPendingWithNothingBilledOrAudited() {
        Alert alert = recordedSms(a, callSid());

        assertThatThrownBy(() -> s.outcomes().record(sent(alert, "SM1", POISONED_DETAIL))).isInstanceOf(RuntimeException.class);

        assertThat(stored(alert)).matches(x -> x.status() == AlertStatus.PENDING && x.providerReference() == null);
        assertThat(usageOf(alert)).isEmpty();
        assertThat(auditOf(alert)).isEmpty();
        // nothing half-written stands in the way of the retry
        assertThat(s.outcomes().record(sent(alert, "SM1", "sms"))).isTrue();
        assertThat(usageOf(alert)).hasSize(1);
        assertThat(auditOf(alert)).hasSize(1);
    }

    @Test
    void anOutcomeTouchesOnlyItsOwnTenantsAlert() {
        Alert theirs = recordedSms(b, callSid());
        Alert posingAsMine = new Alert(theirs.id(), a, theirs.callSid(), theirs.recipient(), theirs.message(), theirs.language(),
                AlertStatus.PENDING, 1, T0, T0, null, null, null);

        assertThat(s.outcomes().record(sent(posingAsMine, "SMx", "sms"))).isFalse();
        assertThat(s.outcomes().record(failed(posingAsMine))).isFalse();

        assertThat(stored(theirs).status()).isEqualTo(AlertStatus.PENDING);
        assertThat(usageOf(posingAsMine)).isEmpty();
        assertThat(usageOf(theirs)).isEmpty();
        assertThat(auditOf(posingAsMine)).isEmpty();
        assertThat(auditOf(theirs)).isEmpty();
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
}
