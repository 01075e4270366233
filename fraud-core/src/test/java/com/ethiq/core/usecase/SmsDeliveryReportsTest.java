package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SmsDelivery;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.usecase.SmsDeliveryReports.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmsDeliveryReportsTest {
    private static final CallSid CALL = CallSid.of("CA1");
    private final CoreHarness h = new CoreHarness();
    private final Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE,
            "+33611111111", "+33622222222", "+33633333333");

    /** One SMS to the first contact, delivered to Twilio (sent, provider reference SM1). */
    private Alert sentToFirstContact() {
        Alert a = Alert.pending(h.ids.newId(), t.id(), CALL, new AlertRecipient.Phone(PhoneNumber.of("+33611111111")),
                "Alerte : appelez Mamie Jeanne", Language.FRENCH, h.clock.instant());
        h.outbox.enqueue(a);
        h.core.alertDispatcher().dispatchDue();
        assertThat(h.outbox.forCall(t.id(), CALL).get(0).providerReference()).isEqualTo("SM1");
        return a;
    }

    @Test
    void anUndeliveredAlertFailsWarnsTheAccountAndTheNextContactIsTextedOnce() {
        Alert first = sentToFirstContact();
        h.clock.advance(Duration.ofSeconds(40));

        Outcome outcome = h.core.smsDelivery().onReport(t.id(), "SM1", SmsDelivery.NOT_DELIVERED, "30003");
        h.core.alertDispatcher().dispatchDue();

        assertThat(outcome).isEqualTo(Outcome.NEXT_CONTACT_ALERTED);
        List<Alert> alerts = h.outbox.forCall(t.id(), CALL);
        Alert failed = alerts.stream().filter(a -> a.id().equals(first.id())).findFirst().orElseThrow();
        assertThat(failed.status()).isEqualTo(AlertStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("not delivered (error 30003)");
        assertThat(alerts).filteredOn(a -> !a.id().equals(first.id())).singleElement().satisfies(next -> {
            assertThat(next.recipient()).isEqualTo(new AlertRecipient.Phone(PhoneNumber.of("+33622222222")));
            assertThat(next.message()).isEqualTo(first.message());
            assertThat(next.status()).isEqualTo(AlertStatus.SENT);
        });
        assertThat(h.callControl.sent).extracting(CoreHarness.StubCallControl.Sent::to)
                .containsExactly("+33611111111", "+33622222222");
        assertThat(h.audit.recent(t.id(), 10)).filteredOn(e -> e.action().equals("alert.undelivered")).singleElement()
                .satisfies(e -> {
                    assertThat(e.target()).isEqualTo(first.id().toString());
                    assertThat(e.details()).containsEntry("error", "30003").containsEntry("next_contact", "alerted");
                });

        // Twilio repeats the callback (or sends "failed" after "undelivered"): nothing more happens
        assertThat(h.core.smsDelivery().onReport(t.id(), "SM1", SmsDelivery.NOT_DELIVERED, "30003")).isEqualTo(Outcome.NOTHING_TO_DO);
        h.core.alertDispatcher().dispatchDue();
        assertThat(h.callControl.sent).hasSize(2);
    }

    @Test
    void anUndeliveredNoticeFailsAndIsAuditedButTextsNoOtherContact() {
        Alert notice = Alert.pending(h.ids.newId(), t.id(), CALL,
                new AlertRecipient.ContactNotice(AlertKind.FAMILY_HANDLING, PhoneNumber.of("+33611111111")),
                "Ethiq : Paul s'occupe de l'appel suspect de Mamie Jeanne.", Language.FRENCH, h.clock.instant());
        h.outbox.enqueue(notice);
        h.core.alertDispatcher().dispatchDue();

        assertThat(h.core.smsDelivery().onReport(t.id(), "SM1", SmsDelivery.NOT_DELIVERED, "30003")).isEqualTo(Outcome.NO_OTHER_CONTACT);
        h.core.alertDispatcher().dispatchDue();

        assertThat(h.outbox.forCall(t.id(), CALL)).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(AlertStatus.FAILED));
        assertThat(h.callControl.sent).extracting(CoreHarness.StubCallControl.Sent::to).containsExactly("+33611111111");
        assertThat(h.audit.recent(t.id(), 10)).filteredOn(e -> e.action().equals("alert.undelivered")).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("kind", "family_handling").containsEntry("next_contact", "none left"));
    }

    @Test
    void whenEveryContactWasAlertedTheFailureIsRecordedWithNoOneLeft() {
        sentToFirstContact();
        for (String other : List.of("+33622222222", "+33633333333")) {
            h.outbox.enqueue(Alert.pending(h.ids.newId(), t.id(), CALL, new AlertRecipient.Phone(PhoneNumber.of(other)),
                    "Alerte", Language.FRENCH, h.clock.instant()));
        }

        assertThat(h.core.smsDelivery().onReport(t.id(), "SM1", SmsDelivery.NOT_DELIVERED, null)).isEqualTo(Outcome.NO_OTHER_CONTACT);

        assertThat(h.outbox.forCall(t.id(), CALL)).hasSize(3);
        assertThat(h.audit.recent(t.id(), 10)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("alert.undelivered");
            assertThat(e.details()).containsEntry("next_contact", "none left");
        });
    }

    @Test
    void deliveredInTransitUnknownOrAnotherTenantsReportsChangeNothing() {
        sentToFirstContact();
        Tenant other = h.tenant("Papy Louis", "+33100000002", AccountStatus.ACTIVE, "+33644444444");

        assertThat(h.core.smsDelivery().onReport(t.id(), "SM1", SmsDelivery.DELIVERED, null)).isEqualTo(Outcome.NOTHING_TO_DO);
        assertThat(h.core.smsDelivery().onReport(t.id(), "SM1", SmsDelivery.IN_TRANSIT, null)).isEqualTo(Outcome.NOTHING_TO_DO);
        assertThat(h.core.smsDelivery().onReport(t.id(), "SM404", SmsDelivery.NOT_DELIVERED, "30005")).isEqualTo(Outcome.NOTHING_TO_DO);
        assertThat(h.core.smsDelivery().onReport(other.id(), "SM1", SmsDelivery.NOT_DELIVERED, "30005")).isEqualTo(Outcome.NOTHING_TO_DO);

        assertThat(h.outbox.forCall(t.id(), CALL)).singleElement().extracting(Alert::status).isEqualTo(AlertStatus.SENT);
    }
}
