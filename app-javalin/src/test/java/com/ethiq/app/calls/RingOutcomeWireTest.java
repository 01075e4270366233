package com.ethiq.app.calls;

import static com.ethiq.app.calls.CallPathHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.calls.CallPathHarness.TestTenant;
import com.ethiq.app.sim.MediaStream;
import com.ethiq.app.sim.TwilioCallSimulator;
import com.ethiq.app.sim.TwilioCallSimulator.Call;
import com.ethiq.app.sim.TwilioCallSimulator.Reply;
import com.ethiq.app.sim.TwilioCallSimulator.Signing;
import com.ethiq.app.sim.TwimlAnswer;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.RingResult;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The caller's side of a protected call and the outcome of ringing the protected person, on the wire: the Twilio
 * simulator posts signed webhooks and the participant's progress callbacks to the URL the app gave the Twilio fake;
 * the app answers TwiML, rings through the fake's Participants API, diverts callers and cancels legs there.
 */
class RingOutcomeWireTest {
    private static CallPathHarness harness;
    private static EthiqApp app;
    private static TwilioCallSimulator twilio;

    @BeforeAll
    static void start() {
        harness = new CallPathHarness();
        app = harness.startApp();
        twilio = harness.simulator(app);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static List<FakeTwilioApi.FakeParticipant> participants(TestTenant t) {
        return harness.twilio.participants().stream().filter(p -> p.accountSid().equals(t.account().accountSid())).toList();
    }

    /** The caller rang and the app asked Twilio to ring the protected person: the leg as the fake created it. */
    private static FakeTwilioApi.FakeParticipant rung(TestTenant t, Call call) {
        assertThat(call.answer().status()).isEqualTo(200);
        harness.twilio.startCall(t.account().accountSid(), call.callSid()); // the caller's live leg, at Twilio
        assertThat(eventually(Duration.ofSeconds(5), () -> !participants(t).isEmpty())).as("the person is rung").isTrue();
        return participants(t).get(0);
    }

    private static Optional<CallLog> log(TestTenant t, Call call) {
        return harness.stores.callLogs().find(t.id(), CallSid.of(call.callSid()));
    }

    private static List<FakeTwilioApi.CallRedirect> redirectsOf(Call call) {
        return harness.twilio.redirects().stream().filter(r -> r.callSid().equals(call.callSid())).toList();
    }

    @Test
    void theSameSignedWebhookPostedSixTimesGivesOneCallLogOneInviteAndOneUsableToken() {
        TestTenant t = harness.tenant("Mme Replay", 1);
        Call call = twilio.ring(t.account(), "+33612345678", t.number());
        List<TwimlAnswer> answers = new ArrayList<>(List.of(call.twiml()));
        for (int i = 0; i < 5; i++) {
            Reply again = call.replay();
            assertThat(again.status()).isEqualTo(200);
            answers.add(again.twiml());
        }
        FakeTwilioApi.FakeParticipant leg = rung(t, call);
        assertThat(eventually(Duration.ofMillis(800), () -> participants(t).size() > 1)).as("no second invite").isFalse();
        assertThat(harness.twilio.requests(r -> r.path().endsWith("/Participants.json")
                && r.path().contains(t.account().accountSid()))).hasSize(1);
        assertThat(leg.to()).isEqualTo(t.tenant().sipAddress().uri());
        assertThat(harness.stores.callLogs().recent(t.id(), null, 10)).hasSize(1);

        // every answer carries a token, but the call has one stream: the first to start wins, the others are refused
        try (MediaStream first = twilio.openStream(t.account(), call.callSid(), answers.get(3).streamUrl().orElseThrow(), Signing.VALID)
                .sendConnected().sendStart(answers.get(3).streamParameters())) {
            assertThat(first.awaitClosed(Duration.ofMillis(700))).as("the first stream is accepted").isEmpty();
            for (int i : new int[] {0, 5}) {
                try (MediaStream other = twilio.openStream(t.account(), call.callSid(), answers.get(i).streamUrl().orElseThrow(),
                        Signing.VALID).sendConnected().sendStart(answers.get(i).streamParameters())) {
                    assertThat(other.awaitClosed(Duration.ofSeconds(5))).map(MediaStream.Closed::code).contains(1008);
                }
            }
            first.sendStop();
        }
        call.status("completed");
        assertThat(eventually(Duration.ofSeconds(5), () -> log(t, call).map(CallLog::state).orElse(null) == CallState.ENDED)).isTrue();

        // a replay once the call is over mints nothing: no stream, no token, no ring
        Reply late = call.replay();
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.twiml().protectedCall()).isFalse();
        assertThat(late.twiml().streamParameters()).doesNotContainKey("token");
        assertThat(participants(t)).hasSize(1);
    }

    @Test
    void theCallerHearsTheFrenchRingbackWhileThePersonsPhoneRings() throws Exception {
        TestTenant t = harness.tenant("Mme Sonnerie", 0);
        Call call = twilio.ring(t.account(), "+33612345678", t.number());
        assertThat(call.twiml().waitUrl()).contains(CallPathHarness.PUBLIC_BASE + "/twilio/wait?tenant=" + t.id());

        Reply wait = call.waitDocument();
        assertThat(wait.status()).isEqualTo(200);
        assertThat(wait.body()).contains("<Play loop=\"0\">");
        String audio = wait.twiml().playUrl().orElseThrow();
        assertThat(audio).isEqualTo(CallPathHarness.PUBLIC_BASE + "/twilio/ringback/fr.wav");
        byte[] wav = twilio.fetchMedia(audio);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            assertThat(in.getFormat().getSampleRate()).isEqualTo(8000f);
            assertThat(in.getFrameLength()).as("one 5 s cycle").isEqualTo(40_000);
        }
        assertThat(twilio.post("/twilio/wait?tenant=" + t.id(), java.util.Map.of("AccountSid", t.account().accountSid()),
                t.account(), Signing.FORGED).status()).isEqualTo(403);
        assertThat(rung(t, call).fields()).containsEntry("Timeout", "30");
    }

    @Test
    void answeredTheCallGoesOnAndNothingIsDiverted() {
        TestTenant t = harness.tenant("M. Décroche", 0);
        Call call = twilio.ring(t.account(), "+33612345678", t.number());
        FakeTwilioApi.FakeParticipant leg = rung(t, call);
        String callback = leg.fields().get("StatusCallback");
        for (String status : List.of("initiated", "ringing", "in-progress")) {
            assertThat(call.participantStatus(callback, leg.callSid(), status).status()).isEqualTo(204);
        }
        call.conferenceEvent("conference-start", null);
        assertThat(eventually(Duration.ofSeconds(5), () -> log(t, call).flatMap(CallLog::ring).isPresent())).isTrue();
        assertThat(log(t, call).orElseThrow().ring()).contains(RingResult.ANSWERED);
        assertThat(log(t, call).orElseThrow().state()).isEqualTo(CallState.IN_PROGRESS);
        assertThat(redirectsOf(call)).isEmpty();
    }

    @Test
    void noAnswerAndBusyGiveTheCallerAPoliteMessageOnceAndTheLogSaysWhy() {
        for (String[] outcome : List.of(new String[] {"no-answer", "no_answer"}, new String[] {"busy", "busy"})) {
            TestTenant t = harness.tenant("Mme " + outcome[0], 1);
            Call call = twilio.ring(t.account(), "+33612345678", t.number());
            FakeTwilioApi.FakeParticipant leg = rung(t, call);
            String callback = leg.fields().get("StatusCallback");
            call.participantStatus(callback, leg.callSid(), "ringing");
            for (int i = 0; i < 3; i++) { // Twilio retries a callback it thinks was lost
                assertThat(call.participantStatus(callback, leg.callSid(), outcome[0]).status()).isEqualTo(204);
            }
            assertThat(eventually(Duration.ofSeconds(5), () -> !redirectsOf(call).isEmpty())).isTrue();
            assertThat(eventually(Duration.ofMillis(500), () -> redirectsOf(call).size() > 1)).isFalse();
            assertThat(redirectsOf(call).get(0).twiml()).contains("Votre correspondant n'est pas disponible").contains("<Hangup/>");
            assertThat(log(t, call).orElseThrow().ring().orElseThrow().wire()).isEqualTo(outcome[1]);

            // leaving the conference for the message does not end the call; its completed status does
            call.conferenceEvent("participant-leave", call.callSid());
            assertThat(log(t, call).orElseThrow().state()).isNotEqualTo(CallState.ENDED);
            call.status("completed");
            assertThat(eventually(Duration.ofSeconds(5), () -> log(t, call).orElseThrow().state() == CallState.ENDED)).isTrue();
            assertThat(harness.twilio.messages(t.account().accountSid())).as("nobody is told of one missed call").isEmpty();
        }
    }

    @Test
    void threeUnreachableCallsInARowTellTheAccountOnce() {
        TestTenant t = harness.tenant("Mme Hors-Ligne", 2);
        for (int i = 0; i < 4; i++) {
            Call call = twilio.ring(t.account(), "+33612345678", t.number());
            FakeTwilioApi.FakeParticipant leg = participantOfCall(t, call);
            call.participantStatus(leg.fields().get("StatusCallback"), leg.callSid(), "failed");
            assertThat(eventually(Duration.ofSeconds(5), () -> !redirectsOf(call).isEmpty())).as("caller %d diverted", i).isTrue();
            assertThat(log(t, call).orElseThrow().ring()).contains(RingResult.UNREACHABLE);
            call.status("completed");
        }
        assertThat(eventually(Duration.ofSeconds(10), () -> harness.twilio.messages(t.account().accountSid()).size() >= 2)).isTrue();
        assertThat(eventually(Duration.ofMillis(800), () -> harness.twilio.messages(t.account().accountSid()).size() > 2)).isFalse();
        assertThat(harness.twilio.messages(t.account().accountSid()))
                .allSatisfy(m -> assertThat(m.body()).contains("semble hors ligne").contains("3 appels de suite"));
        assertThat(harness.stores.outbox().recent(t.id(), 20)).filteredOn(a -> a.kind() == AlertKind.PHONE_OFFLINE).hasSize(2);
    }

    private static FakeTwilioApi.FakeParticipant participantOfCall(TestTenant t, Call call) {
        harness.twilio.startCall(t.account().accountSid(), call.callSid());
        String marker = "call=" + call.callSid();
        assertThat(eventually(Duration.ofSeconds(5), () -> participants(t).stream()
                .anyMatch(p -> p.fields().getOrDefault("StatusCallback", "").endsWith(marker)))).isTrue();
        return participants(t).stream().filter(p -> p.fields().get("StatusCallback").endsWith(marker)).findFirst().orElseThrow();
    }

    @Test
    void theCallerHangingUpWhileItRingsCancelsTheLeg() {
        TestTenant t = harness.tenant("M. Raccroche", 0);
        Call call = twilio.ring(t.account(), "+33612345678", t.number());
        FakeTwilioApi.FakeParticipant leg = rung(t, call);
        harness.twilio.setCallStatus(t.account().accountSid(), leg.callSid(), "ringing");
        call.participantStatus(leg.fields().get("StatusCallback"), leg.callSid(), "ringing");

        call.conferenceEvent("participant-leave", call.callSid());
        call.status("completed");

        assertThat(eventually(Duration.ofSeconds(5), () -> harness.twilio.calls(t.account().accountSid()).stream()
                .anyMatch(c -> c.sid().equals(leg.callSid()) && c.status().equals("canceled")))).as("nothing keeps ringing").isTrue();
        assertThat(log(t, call).orElseThrow().ring()).contains(RingResult.CALLER_HUNG_UP);
        assertThat(log(t, call).orElseThrow().state()).isEqualTo(CallState.ENDED);
        // Twilio then reports the leg cancelled: nothing more happens
        call.participantStatus(leg.fields().get("StatusCallback"), leg.callSid(), "canceled");
        assertThat(redirectsOf(call)).isEmpty();
    }
}
