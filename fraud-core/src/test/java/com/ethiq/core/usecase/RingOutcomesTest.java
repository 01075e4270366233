package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.RingResult;
import com.ethiq.core.domain.RingSettings;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.port.CallControl.Diversion;
import com.ethiq.core.domain.LegStatus;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The outcome of ringing the protected person: recorded once, acted on once (divert, cancel, tell the account). */
class RingOutcomesTest {
    private final CoreHarness h = new CoreHarness();
    private final RingOutcomes outcomes = h.core.ringOutcomes();

    private CallSid incoming(Tenant t, String sid) {
        IncomingCall call = new IncomingCall(CallSid.of(sid), "+33700000001", t.number().orElseThrow());
        h.core.incomingCalls().decide(call, h.core.incomingCalls().resolve(call.to()));
        h.rings.runAll();
        return CallSid.of(sid);
    }

    private RingResult ringOf(Tenant t, CallSid call) {
        return h.callLogs.find(t.id(), call).orElseThrow().ring().orElse(null);
    }

    @Test
    void aReplayedWebhookRingsThePersonOnceAndTheMediaStreamCanBeClaimedOnce() {
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        for (int i = 0; i < 6; i++) {
            incoming(t, "CA1");
        }
        assertThat(h.callControl.participants).hasSize(1);
        assertThat(h.callLogs.recent(t.id(), null, 10)).hasSize(1);
        assertThat(h.callLogs.find(t.id(), CallSid.of("CA1")).orElseThrow().protectedLeg()).contains(CallSid.of("CAleg1"));

        assertThat(h.core.incomingCalls().claimMediaStream(t.id(), CallSid.of("CA1"))).isTrue();
        assertThat(h.core.incomingCalls().claimMediaStream(t.id(), CallSid.of("CA1"))).as("second stream of the call").isFalse();

        h.core.callStatus().onCallStatus(t.id(), CallSid.of("CA1"), CallState.ENDED);
        IncomingCall replay = new IncomingCall(CallSid.of("CA1"), "+33700000001", t.number().orElseThrow());
        assertThat(h.core.incomingCalls().decide(replay, Optional.of(t))).isEqualTo(new IncomingCallDecision.Reject("call_over", false));
        assertThat(h.callControl.participants).hasSize(1);
    }

    @Test
    void aCallOverCannotClaimAMediaStream() {
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        CallSid call = incoming(t, "CA2");
        h.core.callStatus().onCallStatus(t.id(), call, CallState.ENDED);
        assertThat(h.core.incomingCalls().claimMediaStream(t.id(), call)).isFalse();
        assertThat(h.core.incomingCalls().claimMediaStream(t.id(), CallSid.of("CAunknown"))).isFalse();
    }

    @Test
    void answeredIsRecordedAndNothingIsDiverted() {
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        CallSid call = incoming(t, "CA3");
        outcomes.onLegStatus(t.id(), call, CallSid.of("CAleg1"), LegStatus.RINGING);
        outcomes.onLegStatus(t.id(), call, CallSid.of("CAleg1"), LegStatus.ANSWERED);
        outcomes.onLegStatus(t.id(), call, CallSid.of("CAleg1"), LegStatus.COMPLETED);
        h.core.callStatus().onCallStatus(t.id(), call, CallState.ENDED);
        h.rings.runAll();
        assertThat(ringOf(t, call)).isEqualTo(RingResult.ANSWERED);
        assertThat(h.callControl.diversions).isEmpty();
        assertThat(h.callControl.cancelled).isEmpty();
    }

    @Test
    void noAnswerDivertsTheCallerToAPoliteMessageOnceWhateverTheRetries() {
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        CallSid call = incoming(t, "CA4");
        for (int i = 0; i < 3; i++) {
            outcomes.onLegStatus(t.id(), call, CallSid.of("CAleg1"), LegStatus.NO_ANSWER);
        }
        outcomes.onLegStatus(t.id(), call, CallSid.of("CAleg1"), LegStatus.BUSY);
        h.rings.runAll();
        assertThat(ringOf(t, call)).isEqualTo(RingResult.NO_ANSWER);
        assertThat(h.callControl.diversions).singleElement().isInstanceOfSatisfying(Diversion.Message.class,
                m -> assertThat(m.text()).startsWith("Votre correspondant n'est pas disponible"));
        // the caller leaving the conference for the message does not end the listened call; its own status does
        h.core.callStatus().onConferenceOver(t.id(), call);
        assertThat(h.callLogs.find(t.id(), call).orElseThrow().state()).isNotEqualTo(CallState.ENDED);
        h.core.callStatus().onCallStatus(t.id(), call, CallState.ENDED);
        assertThat(h.callLogs.find(t.id(), call).orElseThrow().state()).isEqualTo(CallState.ENDED);
        assertThat(h.audit.recent(t.id(), 20)).filteredOn(e -> e.action().equals("call.ring_no_answer")).hasSize(1);
    }

    @Test
    void busyGoesToTheAccountsVoicemailWhenItHasOne() {
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        h.tenants.updateSettings(t.id(), t.settings().withRing(new RingSettings(Duration.ofSeconds(20), "sip:messagerie@home.example.com")));
        CallSid call = incoming(t, "CA5");
        assertThat(h.callControl.participants).hasSize(1);
        outcomes.onLegStatus(t.id(), call, null, LegStatus.BUSY);
        h.rings.runAll();
        assertThat(ringOf(t, call)).isEqualTo(RingResult.BUSY);
        assertThat(h.callControl.diversions).singleElement().isInstanceOfSatisfying(Diversion.Forward.class, f -> {
            assertThat(f.destination()).isEqualTo("sip:messagerie@home.example.com");
            assertThat(f.callerId()).isEqualTo(PhoneNumber.of("+33100000001"));
        });
    }

    @Test
    void theCallerHangingUpWhileItRingsCancelsTheLeg() {
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        CallSid call = incoming(t, "CA6");
        h.core.callStatus().onCallStatus(t.id(), call, CallState.ENDED);
        h.core.callStatus().onCallStatus(t.id(), call, CallState.ENDED);
        h.rings.runAll();
        assertThat(ringOf(t, call)).isEqualTo(RingResult.CALLER_HUNG_UP);
        assertThat(h.callControl.cancelled).containsExactly(CallSid.of("CAleg1"));
        // Twilio then reports the leg cancelled: nothing more happens
        outcomes.onLegStatus(t.id(), call, CallSid.of("CAleg1"), LegStatus.CANCELED);
        h.rings.runAll();
        assertThat(h.callControl.cancelled).hasSize(1);
        assertThat(h.callControl.diversions).isEmpty();
    }

    @Test
    void aLegStartedAfterTheCallerLeftIsCancelledAtOnce() {
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        IncomingCall call = new IncomingCall(CallSid.of("CA7"), "+33700000001", t.number().orElseThrow());
        h.core.incomingCalls().decide(call, Optional.of(t)); // the ring request is still queued...
        h.core.callStatus().onCallStatus(t.id(), call.callSid(), CallState.ENDED); // ...when the caller hangs up
        h.rings.runAll();
        assertThat(ringOf(t, call.callSid())).isEqualTo(RingResult.CALLER_HUNG_UP);
        assertThat(h.callControl.cancelled).containsExactly(CallSid.of("CAleg1"));
    }

    @Test
    void threeUnreachableCallsInARowTellTheAccountOnceWithTheLastTimeTheePhoneWasReachable() {
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE, "+33611111111", "+33622222222");
        CallSid answered = incoming(t, "CA10");
        outcomes.onLegStatus(t.id(), answered, null, LegStatus.ANSWERED);
        for (int i = 11; i <= 15; i++) {
            h.clock.advance(Duration.ofMinutes(10));
            CallSid call = incoming(t, "CA" + i);
            outcomes.onLegStatus(t.id(), call, null, LegStatus.FAILED);
            outcomes.onLegStatus(t.id(), call, null, LegStatus.FAILED); // a retried callback
            h.rings.runAll();
            assertThat(ringOf(t, call)).isEqualTo(RingResult.UNREACHABLE);
            long notices = h.outbox.recent(t.id(), 50).stream().filter(a -> a.kind() == AlertKind.PHONE_OFFLINE).count();
            assertThat(notices).as("after call %d", i).isEqualTo(i - 10 >= PhoneOfflineNotice.STREAK ? 2 : 0);
        }
        assertThat(h.callControl.sent).filteredOn(s -> s.kind().equals("sms")).hasSize(2)
                .allSatisfy(s -> assertThat(s.body()).contains("semble hors ligne").contains("3 appels").contains("02/03/2026 à 10h00"));
        assertThat(h.callControl.diversions).hasSize(5);

        // reachable again: a new streak is told again
        h.clock.advance(Duration.ofMinutes(10));
        outcomes.onLegStatus(t.id(), incoming(t, "CA20"), null, LegStatus.NO_ANSWER);
        for (int i = 21; i <= 23; i++) {
            h.clock.advance(Duration.ofMinutes(10));
            outcomes.onLegStatus(t.id(), incoming(t, "CA" + i), null, LegStatus.FAILED);
        }
        h.rings.runAll();
        assertThat(h.outbox.recent(t.id(), 50)).filteredOn(a -> a.kind() == AlertKind.PHONE_OFFLINE).hasSize(4);
    }

    @Test
    void nobodyRungMeansTheCallerIsNotLeftWaiting() {
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        h.callControl.participantsFailPermanently = true;
        CallSid call = incoming(t, "CA30");
        h.rings.runAll();
        assertThat(ringOf(t, call)).isEqualTo(RingResult.NOT_RUNG);
        assertThat(h.callControl.diversions).hasSize(1);
    }
}
