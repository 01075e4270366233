package com.ethiq.app.calls;

import static com.ethiq.app.calls.CallPathHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.twilio.fake.FakeTwilioApi.FakeMessage;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.calls.CallPathHarness.TestTenant;
import com.ethiq.app.sim.MediaStream;
import com.ethiq.app.sim.TwilioCallSimulator;
import com.ethiq.app.sim.TwilioCallSimulator.Call;
import com.ethiq.app.sim.TwilioCallSimulator.Reply;
import com.ethiq.app.sim.TwilioCallSimulator.Signing;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alert SMS delivery reports on the wire (issue 22, item 2): Twilio POSTs the Message's StatusCallback, signed like
 * every webhook; an undelivered alert is marked failed, the account's audit trail says so, and the next emergency
 * contact not yet alerted gets the alert. A forged report is refused with 403 and changes nothing.
 */
class SmsDeliveryReportTest {
    private CallPathHarness harness;
    private TwilioCallSimulator twilio;

    @BeforeEach
    void setUp() {
        harness = new CallPathHarness();
        EthiqApp app = harness.startApp();
        twilio = harness.simulator(app);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private Call scamCall(TestTenant t) {
        Call call = twilio.ring(t.account(), "+33612345678", t.number());
        harness.twilio.startConference(t.account().accountSid(), call.twiml().conference().orElseThrow());
        try (MediaStream stream = call.startStream()) {
            stream.stream(Scripts.scam(harness.speech, call.callSid()));
            stream.sendStop();
            stream.awaitClosed(Duration.ofSeconds(5));
        }
        return call;
    }

    private List<Alert> sms(TestTenant t, Call call) {
        return harness.stores.outbox().forCall(t.id(), CallSid.of(call.callSid())).stream()
                .filter(a -> a.kind() == AlertKind.SMS).toList();
    }

    /** What Twilio does when the carrier gives up: POSTs the message's own StatusCallback. */
    private Reply report(TestTenant t, FakeMessage m, String status, String errorCode, Signing signing) {
        String callback = m.statusCallback().orElseThrow();
        String pathAndQuery = callback.substring(callback.indexOf("/twilio/"));
        return twilio.post(pathAndQuery, Map.of("MessageSid", m.sid(), "MessageStatus", status, "ErrorCode", errorCode,
                "AccountSid", t.account().accountSid(), "From", m.from(), "To", m.to(), "ApiVersion", "2010-04-01"),
                t.account(), signing);
    }

    @Test
    void anUndeliveredAlertFailsAndTheNextContactIsTexted() {
        TestTenant t = harness.tenant("Mme Morel", 1);
        Call call = scamCall(t);
        String account = t.account().accountSid();
        assertThat(eventually(Duration.ofSeconds(10), () -> sms(t, call).size() == 1
                && sms(t, call).get(0).status() == AlertStatus.SENT)).isTrue();
        FakeMessage first = harness.twilio.messages(account).get(0);
        assertThat(first.statusCallback()).contains("https://voice.ethiq.test/twilio/sms-status?tenant=" + t.id());
        // the family adds the son while the call goes on; the daughter's phone turns out to be a landline
        PhoneNumber son = CallPathHarness.randomNumber("+336");
        harness.stores.contacts().add(new EmergencyContact(UUID.randomUUID(), t.id(), "Fils", son, "enfant", Instant.now()));

        assertThat(report(t, first, "undelivered", "30006", Signing.FORGED).status()).isEqualTo(403);
        assertThat(sms(t, call)).singleElement().extracting(Alert::status).isEqualTo(AlertStatus.SENT);

        assertThat(report(t, first, "undelivered", "30006", Signing.VALID).status()).isEqualTo(204);

        assertThat(eventually(Duration.ofSeconds(10), () -> harness.twilio.messages(account).size() == 2)).isTrue();
        assertThat(harness.twilio.messages(account).get(1).to()).isEqualTo(son.e164());
        assertThat(sms(t, call)).filteredOn(a -> a.providerReference() != null && a.providerReference().equals(first.sid()))
                .singleElement().satisfies(a -> {
                    assertThat(a.status()).isEqualTo(AlertStatus.FAILED);
                    assertThat(a.lastError()).contains("30006");
                });
        assertThat(harness.stores.audit().recent(t.id(), 50)).anySatisfy(e -> assertThat(e.action()).isEqualTo("alert.undelivered"));

        // a late "failed" for the same message, or a delivered report, changes nothing more
        assertThat(report(t, first, "failed", "30006", Signing.VALID).status()).isEqualTo(204);
        assertThat(report(t, harness.twilio.messages(account).get(1), "delivered", "", Signing.VALID).status()).isEqualTo(204);
        assertThat(harness.twilio.messages(account)).hasSize(2);
    }
}
