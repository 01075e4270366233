package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AlertPreferences;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.port.CallControl;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * From a scam verdict to delivered warnings: what is recorded (once), what is sent, billed and audited, and what
 * each kind of delivery failure leads to. The harness runs the dispatcher's wake-up synchronously.
 */
class AlertDeliveryTest {
    private static final Verdict SCAM = new Verdict.Scam(0.82, ScamCategory.FAKE_BANK_ADVISER, List.of(), "banque, code");

    private final CoreHarness h = new CoreHarness();
    private final Tenant tenant = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE, "+33611111111", "+33622222222");
    private final AlertDispatcher dispatcher = h.core.alertDispatcher();
    private final AlertService alerts = new AlertService(h.contacts, h.outbox, h.audit, h.outcomes, dispatcher,
            h.core.storeWrites(), Runnable::run, h.ids, h.clock);
    private final List<String> delivered = new ArrayList<>();

    AlertDeliveryTest() {
        dispatcher.observe(new CallObserver() {
            @Override
            public void alertDelivered(TenantId t, Alert alert, boolean success, boolean permanent) {
                delivered.add(alert.kind().wire() + (success ? " sent" : permanent ? " failed" : " retry"));
            }
        });
    }

    private ConferenceName conference(CallSid call) {
        return ConferenceName.forCall(tenant.id(), call);
    }

    private List<AuditEvent> audited(String action) {
        return h.audit.all().stream().filter(e -> e.action().equals(action)).toList();
    }

    private Alert only(CallSid call, AlertKind kind) {
        return h.outbox.forCall(tenant.id(), call).stream().filter(a -> a.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void aScamRecordsOneAnnouncementAndOneSmsPerContactThenDeliversThem() {
        CallSid call = CallSid.of("CA1");
        List<Alert> recorded = alerts.raise(tenant, call, conference(call), SCAM, null);

        assertThat(recorded).extracting(Alert::kind, Alert::recipient).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(AlertKind.CONFERENCE_ANNOUNCEMENT, new AlertRecipient.Conference(conference(call))),
                org.assertj.core.groups.Tuple.tuple(AlertKind.SMS, new AlertRecipient.Phone(PhoneNumber.of("+33611111111"))),
                org.assertj.core.groups.Tuple.tuple(AlertKind.SMS, new AlertRecipient.Phone(PhoneNumber.of("+33622222222"))));
        assertThat(h.callControl.sent()).extracting(CoreHarness.StubCallControl.Sent::kind)
                .containsExactlyInAnyOrder("announcement", "sms", "sms");
        assertThat(h.outbox.forCall(tenant.id(), call)).allMatch(a -> a.status() == AlertStatus.SENT);
        assertThat(delivered).containsExactlyInAnyOrder("conference_announcement sent", "sms sent", "sms sent");

        AuditEvent raised = audited("alert.raised").get(0);
        assertThat(raised.target()).isEqualTo("CA1");
        assertThat(raised.details()).containsEntry("category", ScamCategory.FAKE_BANK_ADVISER.wire())
                .containsEntry("score", "0.82").containsEntry("alerts", "3");
        assertThat(audited("alert.sent")).hasSize(3).allMatch(e -> e.details().get("attempts").equals("1"));

        var month = h.usage.monthly(tenant.id(), YearMonth.of(2026, 3));
        assertThat(month.total(UsageKind.SMS_SENT)).isEqualTo(2);
        assertThat(month.total(UsageKind.ANNOUNCEMENTS)).isEqualTo(1);
    }

    @Test
    void raisingAgainForTheSameCallRecordsAndSendsNothing() {
        CallSid call = CallSid.of("CA1");
        alerts.raise(tenant, call, conference(call), SCAM, null);
        assertThat(alerts.raise(tenant, call, conference(call), SCAM, null)).isEmpty();
        assertThat(h.callControl.sent()).hasSize(3);
        assertThat(audited("alert.raised")).hasSize(1);
    }

    @Test
    void eachWakeUpRunsAFreshPass() {
        CallSid first = CallSid.of("CA1");
        CallSid second = CallSid.of("CA2");
        alerts.raise(tenant, first, conference(first), SCAM, null);
        alerts.raise(tenant, second, conference(second), SCAM, null);
        assertThat(h.callControl.sent()).hasSize(6);
    }

    @Test
    void preferencesChooseTheKindsOfWarning() {
        Tenant smsOnly = tenant.withSettings(tenant.settings().withAlerts(new AlertPreferences(true, false)));
        CallSid call = CallSid.of("CA1");
        assertThat(alerts.raise(smsOnly, call, conference(call), SCAM, null)).extracting(Alert::kind)
                .containsExactly(AlertKind.SMS, AlertKind.SMS);

        Tenant announceOnly = tenant.withSettings(tenant.settings().withAlerts(new AlertPreferences(false, true)));
        CallSid other = CallSid.of("CA2");
        assertThat(alerts.raise(announceOnly, other, conference(other), SCAM, "Raccrochez.")).extracting(Alert::kind)
                .containsExactly(AlertKind.CONFERENCE_ANNOUNCEMENT);
        assertThat(h.callControl.sent()).last().extracting(CoreHarness.StubCallControl.Sent::body)
                .isEqualTo("Attention, message d'Ethiq. Raccrochez.");

        Tenant silent = tenant.withSettings(tenant.settings().withAlerts(new AlertPreferences(false, false)));
        CallSid third = CallSid.of("CA3");
        assertThat(alerts.raise(silent, third, conference(third), SCAM, null)).isEmpty();
        assertThat(audited("alert.raised")).as("nothing raised, nothing audited").hasSize(2);
    }

    @Test
    void anSmsFromATenantWithoutANumberFailsForGood() {
        Tenant noNumber = new Tenant(new TenantId(h.ids.newId()), "Sans numéro", AccountStatus.ACTIVE, null,
                SipAddress.of("sip:x@home.example.com"), tenant.settings(), h.clock.instant());
        h.tenants.create(noNumber);
        Alert sms = Alert.pending(h.ids.newId(), noNumber.id(), CallSid.of("CA9"), new AlertRecipient.Phone(PhoneNumber.of("+33611111111")), "Alerte",
                Language.FRENCH, h.clock.instant());
        h.outbox.enqueue(sms);

        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        Alert failed = h.outbox.forCall(noNumber.id(), sms.callSid()).get(0);
        assertThat(failed.status()).isEqualTo(AlertStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("tenant has no number to send from");
        assertThat(delivered).containsExactly("sms failed");
        assertThat(audited("alert.failed").get(0).details()).containsEntry("permanent", "true");
    }

    @Test
    void anAlertOfADeletedTenantFails() {
        TenantId gone = TenantId.random();
        h.outbox.enqueue(Alert.pending(h.ids.newId(), gone, CallSid.of("CA9"), new AlertRecipient.Phone(PhoneNumber.of("+33611111111")), "Alerte",
                Language.FRENCH, h.clock.instant()));
        dispatcher.dispatchDue();
        Alert failed = h.outbox.forCall(gone, CallSid.of("CA9")).get(0);
        assertThat(failed.status()).isEqualTo(AlertStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("tenant no longer exists");
    }

    @Test
    void anUnexpectedErrorIsRetriedWithItsTypeAndAShortenedMessage() {
        CoreHarness broken = new CoreHarness();
        Tenant t = broken.tenant("Jeanne", "+33100000001", AccountStatus.ACTIVE);
        AlertDispatcher d = new AlertDispatcher(broken.outbox, new ComposedAlertOutcomes(broken.outbox, broken.usage, broken.audit),
                broken.tenants, new ThrowingCallControl(
                new IllegalArgumentException("x".repeat(400))), broken.ids, broken.clock,
                Runnable::run, AlertDispatcher.Sends.on(Runnable::run), AlertDispatcher.Settings.DEFAULT);
        List<String> outcomes = new ArrayList<>();
        d.observe(new CallObserver() {
            @Override
            public void alertDelivered(TenantId tenant, Alert alert, boolean success, boolean permanent) {
                outcomes.add(success + "/" + permanent);
            }
        });
        broken.outbox.enqueue(Alert.pending(broken.ids.newId(), t.id(), CallSid.of("CA1"), new AlertRecipient.Phone(PhoneNumber.of("+33611111111")),
                "Alerte", Language.FRENCH, broken.clock.instant()));

        d.dispatchDue();
        Alert retried = broken.outbox.forCall(t.id(), CallSid.of("CA1")).get(0);
        assertThat(retried.status()).isEqualTo(AlertStatus.PENDING);
        assertThat(retried.lastError()).hasSize(300).startsWith("IllegalArgumentException: xxx");
        assertThat(retried.nextAttemptAt()).isEqualTo(broken.clock.instant().plusSeconds(2));
        assertThat(outcomes).containsExactly("false/false");
    }

    @Test
    void anAnnouncementIsAbandonedAfterThreeAttemptsWhileAnSmsKeepsTrying() {
        h.callControl.transientFailuresLeft = 100;
        CallSid call = CallSid.of("CA1");
        h.outbox.enqueue(Alert.pending(h.ids.newId(), tenant.id(), call, new AlertRecipient.Conference(conference(call)),
                "Attention", Language.FRENCH, h.clock.instant()));
        h.outbox.enqueue(Alert.pending(h.ids.newId(), tenant.id(), call, new AlertRecipient.Phone(PhoneNumber.of("+33611111111")), "Alerte",
                Language.FRENCH, h.clock.instant()));
        for (int pass = 0; pass < 3; pass++) {
            dispatcher.dispatchDue();
            h.clock.advance(Duration.ofMinutes(6));
        }
        assertThat(only(call, AlertKind.CONFERENCE_ANNOUNCEMENT).status()).isEqualTo(AlertStatus.FAILED);
        assertThat(only(call, AlertKind.CONFERENCE_ANNOUNCEMENT).attempts()).isEqualTo(3);
        assertThat(only(call, AlertKind.SMS).status()).isEqualTo(AlertStatus.PENDING);
        assertThat(delivered).containsExactlyInAnyOrder("conference_announcement retry", "sms retry",
                "conference_announcement retry", "sms retry", "conference_announcement failed", "sms retry");
        assertThat(audited("alert.failed").get(0).details()).containsEntry("permanent", "false").containsEntry("attempts", "3");
    }

    /** A call control whose every delivery throws the given exception. */
    private record ThrowingCallControl(RuntimeException error) implements CallControl {
        @Override
        public DeliveryReceipt sendSms(TenantId tenant, com.ethiq.core.domain.PhoneNumber from,
                                       com.ethiq.core.domain.PhoneNumber to, String body, String idempotencyKey) {
            throw error;
        }

        @Override
        public DeliveryReceipt announce(TenantId tenant, ConferenceName conference, String message, Language language,
                                        String idempotencyKey) {
            throw error;
        }

        @Override
        public ParticipantReceipt addSipParticipant(TenantId tenant, ConferenceName conference, SipAddress sipAddress,
                                                    com.ethiq.core.domain.PhoneNumber callerId, CallSid caller,
                                                    java.time.Duration ringTimeout) {
            throw error;
        }

        @Override
        public void divert(TenantId tenant, CallSid caller, Diversion diversion) {
        }

        @Override
        public void cancelLeg(TenantId tenant, CallSid leg) {
        }

        @Override
        public void hangUp(TenantId tenant, CallSid callSid) {
        }
    }
}
