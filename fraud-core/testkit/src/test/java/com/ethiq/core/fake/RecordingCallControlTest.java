package com.ethiq.core.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.contract.CallControlContract;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.fake.RecordingCallControl.Delivery;
import com.ethiq.core.fake.RecordingCallControl.Failure;
import com.ethiq.core.fake.RecordingCallControl.Operation;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.CallControl.CallControlException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RecordingCallControlTest extends CallControlContract {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

    @Override
    protected Fixture create() {
        return new RecordingFixture(new TestTenantSecrets());
    }

    /** Observes the recording directly; the "vendor" is the recording itself. */
    static final class RecordingFixture implements Fixture {
        final TestTenantSecrets secrets;
        final RecordingCallControl recording;

        RecordingFixture(TestTenantSecrets secrets) {
            this.secrets = secrets;
            this.recording = new RecordingCallControl(secrets, CLOCK);
        }

        @Override
        public CallControl callControl() {
            return recording;
        }

        @Override
        public TestTenant newTenant() {
            TenantId id = TenantId.random();
            TelephonyCredentials credentials = TestTenantSecrets.randomCredentials();
            secrets.storeTelephony(id, credentials);
            return new TestTenant(id, credentials.accountSid(), randomMobile());
        }

        @Override
        public TenantId newTenantWithoutCredentials() {
            return TenantId.random();
        }

        @Override
        public void startConference(TestTenant tenant, ConferenceName conference) {
            // the recording does not model live conferences
        }

        @Override
        public void startCall(TestTenant tenant, CallSid callSid) {
            // the recording does not model live calls
        }

        @Override
        public PhoneNumber invalidRecipient() {
            PhoneNumber n = randomMobile();
            recording.rejectRecipient(n);
            return n;
        }

        @Override
        public void failNextSms(ScriptedFailure failure) {
            recording.failNext(Operation.SMS, 1,
                    failure == ScriptedFailure.NOT_PROCESSED ? Failure.TRANSIENT : Failure.AFTER_PROCESSING);
        }

        @Override
        public List<ObservedSms> sms() {
            return recording.smsSent().stream().map(s -> new ObservedSms(s.account(), s.from(), s.to(), s.body())).toList();
        }

        @Override
        public List<ObservedAnnouncement> announcements() {
            return recording.announcements().stream()
                    .map(a -> new ObservedAnnouncement(a.account(), a.conference(), a.message(), a.language())).toList();
        }

        @Override
        public List<ObservedParticipant> participants() {
            return recording.participantsAdded().stream()
                    .map(p -> new ObservedParticipant(p.account(), p.conference(), p.sipAddress(), p.callerId())).toList();
        }

        @Override
        public List<ObservedHangUp> hangUps() {
            return recording.hangUps().stream().map(h -> new ObservedHangUp(h.account(), h.callSid())).toList();
        }
    }

    // ---------------------------------------------------------------- fake-specific behaviour

    @Test
    void scriptedFailuresAreConsumedInOrderPerOperation() {
        RecordingCallControl rec = new RecordingCallControl(CLOCK);
        TenantId tenant = TenantId.random();
        rec.failNext(Operation.HANG_UP, 1, Failure.PERMANENT);
        rec.failNext(Operation.HANG_UP, 1, Failure.TRANSIENT);
        CallSid call = CallSid.of("CA0001");

        assertThatThrownBy(() -> rec.hangUp(tenant, call))
                .isInstanceOfSatisfying(CallControlException.class, e -> assertThat(e.permanent()).isTrue());
        assertThatThrownBy(() -> rec.hangUp(tenant, call))
                .isInstanceOfSatisfying(CallControlException.class, e -> assertThat(e.permanent()).isFalse());
        rec.hangUp(tenant, call);

        assertThat(rec.hangUps()).hasSize(1);
        assertThat(rec.attempts()).isEqualTo(3);
        assertThat(rec.hangUps().get(0).account()).isEqualTo(RecordingCallControl.SIMULATED_ACCOUNT);
        assertThat(rec.hangUps().get(0).at()).isEqualTo(CLOCK.instant());
    }

    @Test
    void afterProcessingFailuresRecordTheDeliveryThenThrowTransient() {
        RecordingCallControl rec = new RecordingCallControl(CLOCK);
        TenantId tenant = TenantId.random();
        rec.failNext(Operation.ANNOUNCE, 1, Failure.AFTER_PROCESSING);
        ConferenceName conf = new ConferenceName("Conf-test-1");

        assertThatThrownBy(() -> rec.announce(tenant, conf, "Attention", com.ethiq.core.domain.Language.FRENCH, "k1"))
                .isInstanceOfSatisfying(CallControlException.class, e -> assertThat(e.permanent()).isFalse());

        assertThat(rec.announcements()).hasSize(1);
    }

    @Test
    void listenersSeeEveryDeliveryAndAFailingListenerDoesNotBreakDelivery() {
        RecordingCallControl rec = new RecordingCallControl(CLOCK);
        List<Delivery> seen = new CopyOnWriteArrayList<>();
        rec.onDelivery(d -> {
            throw new IllegalStateException("dashboard down");
        });
        rec.onDelivery(seen::add);

        rec.sendSms(TenantId.random(), randomMobile(), randomMobile(), "Alerte", "k1");

        assertThat(seen).hasSize(1).first().isInstanceOf(RecordingCallControl.Sms.class);
        assertThat(rec.smsSent()).hasSize(1);
    }

    @Test
    void historyIsBoundedToItsCapacityDroppingTheOldest() {
        RecordingCallControl rec = new RecordingCallControl(null, CLOCK, 3);
        TenantId tenant = TenantId.random();
        for (int i = 0; i < 5; i++) {
            rec.sendSms(tenant, randomMobile(), randomMobile(), "Alerte " + i, "k" + i);
        }

        assertThat(rec.smsSent()).extracting(RecordingCallControl.Sms::body).containsExactly("Alerte 2", "Alerte 3", "Alerte 4");
        assertThatThrownBy(() -> new RecordingCallControl(null, CLOCK, 0)).hasMessageContaining("capacity");
    }

    @Test
    void clearForgetsDeliveriesAndScripts() {
        RecordingCallControl rec = new RecordingCallControl(CLOCK);
        TenantId tenant = TenantId.random();
        rec.failNext(Operation.SMS, 2, Failure.PERMANENT);
        rec.hangUp(tenant, CallSid.of("CA1"));

        rec.clear();
        rec.sendSms(tenant, randomMobile(), randomMobile(), "Alerte", "k");

        assertThat(rec.deliveries()).hasSize(1);
        assertThat(rec.attempts()).isEqualTo(1);
    }

    @Test
    void scriptingRejectsNonsense() {
        RecordingCallControl rec = new RecordingCallControl(CLOCK);

        assertThatThrownBy(() -> rec.failNext(Operation.SMS, 0, Failure.TRANSIENT)).hasMessageContaining("times");
        assertThatThrownBy(() -> rec.failNext(null, 1, Failure.TRANSIENT)).hasMessageContaining("operation");
    }
}
