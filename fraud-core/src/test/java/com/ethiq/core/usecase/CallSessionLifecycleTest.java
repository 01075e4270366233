package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.audio.SpeechGate;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CustomPhrase;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A live call as the host sees it: the observer's events, the audio it forwards, the sessions it keeps. */
class CallSessionLifecycleTest {
    private static final List<String> BANK_SCAM = List.of(
            "bonjour madame je suis conseiller au service anti fraude de votre banque",
            "nous avons détecté une opération suspecte de 1500 euros sur votre carte bancaire",
            "pour annuler l'opération vous allez recevoir un code par sms il faut me le lire tout de suite");

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CallObserver observer = new CallObserver() {
        @Override
        public void sessionStarted(TenantId tenant, CallSid callSid) {
            events.add("started " + callSid);
        }

        @Override
        public void segment(TenantId tenant, CallSid callSid, TranscriptSegment segment) {
            events.add("segment " + segment.speaker().wire() + (segment.isFinal() ? " final" : " partial"));
        }

        @Override
        public void verdictChanged(TenantId tenant, CallSid callSid, Verdict verdict) {
            events.add("verdict " + verdict.label());
        }

        @Override
        public void detectionLatency(TenantId tenant, long nanos) {
            // a duration, not a timestamp: detecting on one segment takes far less than ten seconds
            events.add(nanos >= 0 && nanos < 10_000_000_000L ? "latency" : "implausible latency " + nanos);
        }

        @Override
        public void alertRaised(TenantId tenant, CallSid callSid, Alert alert) {
            events.add("alert " + alert.kind().wire());
        }

        @Override
        public void speechFailed(TenantId tenant, CallSid callSid, Speaker speaker, String reason) {
            events.add("speech failed " + speaker.wire() + ": " + reason);
        }

        @Override
        public void speechGated(TenantId tenant, CallSid callSid, Speaker speaker, SpeechGate.Figures figures) {
            events.add("gated " + speaker.wire() + " offered " + figures.offeredBytes() + " sent " + figures.sentBytes()
                    + " onsets " + figures.onsets());
        }

        @Override
        public void sessionEnded(TenantId tenant, CallSid callSid) {
            events.add("ended " + callSid);
        }
    };
    private final CoreHarness h = new CoreHarness(null, b -> b.observer(observer));
    private final Tenant tenant = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE, "+33611111111");

    private CallSession start(Tenant t, String sid) {
        var call = new IncomingCall(CallSid.of(sid), "+33700000009", t.twilioNumber());
        h.core.incomingCalls().decide(call, h.core.incomingCalls().resolve(call.to()));
        var result = h.core.callSessions().start(new CallSessions.StreamStart(t, CallSid.of(sid)));
        return ((CallSessions.Started) result).session();
    }

    private List<String> events(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).toList();
    }

    @Test
    void theObserverSeesEveryStepOfAScamCallOnce() {
        CallSession s = start(tenant, "CA1");
        h.transcriber.say(s.callSid(), Speaker.CALLER, "allô bonjour");
        for (String line : BANK_SCAM) {
            h.transcriber.say(s.callSid(), Speaker.CALLER, line);
        }
        h.transcriber.say(s.callSid(), Speaker.CALLEE, "attendez le code c'est 4 8 2 9 1 7");
        for (String line : BANK_SCAM) {
            h.transcriber.say(s.callSid(), Speaker.CALLER, line);
        }
        s.end();
        s.end();

        assertThat(events.get(0)).isEqualTo("started CA1");
        assertThat(events.get(events.size() - 1)).isEqualTo("ended CA1");
        assertThat(events("ended")).hasSize(1);
        assertThat(events("segment caller final")).hasSize(7);
        assertThat(events("segment caller partial")).hasSize(7);
        assertThat(events("latency")).hasSize(16);
        assertThat(events("verdict scam")).hasSize(1);
        assertThat(events("alert")).containsExactlyInAnyOrder("alert sms", "alert conference_announcement");
        assertThat(events.indexOf("verdict scam")).isLessThan(events.indexOf("alert sms"));

        var log = h.callLogs.find(tenant.id(), s.callSid()).orElseThrow();
        assertThat(log.verdict()).isEqualTo("scam");
        assertThat(log.fraudDetected()).isTrue();
        assertThat(h.callLogs.transcript(tenant.id(), s.callSid())).hasSize(8)
                .allMatch(TranscriptSegment::isFinal);
    }

    @Test
    void aQuietCallNeverChangesItsVerdict() {
        CallSession s = start(tenant, "CA2");
        h.transcriber.say(s.callSid(), Speaker.CALLER, "coucou mamie c'est Léa");
        h.transcriber.say(s.callSid(), Speaker.CALLEE, "bonjour ma chérie");
        assertThat(events("verdict")).isEmpty();
        assertThat(h.callLogs.find(tenant.id(), s.callSid()).orElseThrow().verdict()).isEqualTo("clear");
    }

    @Test
    void theTrackDecidesWhoSpoke() {
        CallSession s = start(tenant, "CA3");
        var calleeTrack = h.transcriber.listeners.get("CA3/callee");
        calleeTrack.onSegment(TranscriptSegment.finalText(Speaker.CALLER, 0, "oui c'est moi"));
        assertThat(events("segment")).containsExactly("segment callee final");
        assertThat(h.callLogs.transcript(tenant.id(), s.callSid())).extracting(TranscriptSegment::speaker)
                .containsExactly(Speaker.CALLEE);
    }

    @Test
    void eachTracksGateFiguresReachTheObserverOnceWhenTheCallEnds() {
        CallSession s = start(tenant, "CA5");
        byte[] loud = new byte[800]; // mu-law 0x00: full scale, speech to the gate
        byte[] silent = new byte[800];
        java.util.Arrays.fill(silent, (byte) 0xFF); // mu-law 0xFF: zero
        for (int i = 0; i < 10; i++) {
            s.onAudio(Speaker.CALLER, loud);
            s.onAudio(Speaker.CALLEE, silent);
        }
        assertThat(events("gated")).isEmpty();
        s.end();
        s.end();
        assertThat(events("gated")).containsExactlyInAnyOrder(
                "gated caller offered 8000 sent " + s.recognisedBytes(Speaker.CALLER) + " onsets 1",
                "gated callee offered 8000 sent 0 onsets 0");
        assertThat(s.recognisedBytes(Speaker.CALLER)).isEqualTo(8000);
        assertThat(events.indexOf("ended CA5")).isGreaterThan(events.lastIndexOf(events("gated").get(1)));
    }

    @Test
    void audioGoesToItsTrackUntilTheCallEnds() {
        CallSession s = start(tenant, "CA4");
        s.onAudio(Speaker.CALLER, new byte[160]);
        s.onAudio(Speaker.CALLER, new byte[80]);
        s.onAudio(Speaker.CALLEE, new byte[160]);
        assertThat(s.audioBytes(Speaker.CALLER)).isEqualTo(240);
        assertThat(s.audioBytes(Speaker.CALLEE)).isEqualTo(160);
        assertThat(h.transcriber.audio.get("CA4/caller")).hasSize(2);
        s.end();
        s.onAudio(Speaker.CALLER, new byte[160]);
        assertThat(s.audioBytes(Speaker.CALLER)).isEqualTo(240);
        assertThat(h.transcriber.audio.get("CA4/caller")).hasSize(2);
    }

    @Test
    void lostSpeechIsReportedPerTrack() {
        CallSession s = start(tenant, "CA5");
        h.transcriber.fail(s.callSid(), Speaker.CALLEE, "quota");
        assertThat(events("speech failed")).containsExactly("speech failed callee: quota");
    }

    @Test
    void recognitionIsPrimedWithTheTenantsOwnPhrases() {
        Tenant own = tenant.withSettings(tenant.settings().withCustomPhrases(
                List.of(new CustomPhrase("conseiller Dupont", "identity_claim", "fake_bank_adviser", 0.5))));
        start(own, "CA6");
        assertThat(h.transcriber.requests).hasSize(2).allSatisfy(r -> {
            assertThat(r.phraseHints()).contains("conseiller Dupont");
            assertThat(r.language()).isEqualTo(own.settings().language());
        });
        assertThat(h.transcriber.requests).extracting(r -> r.speaker()).containsExactly(Speaker.CALLER, Speaker.CALLEE);
    }

    @Test
    void sessionsAreKeptWhileLiveAndAllEndOnShutdown() {
        CallSessions sessions = h.core.callSessions();
        CallSession a = start(tenant, "CA7");
        CallSession b = start(tenant, "CA8");
        assertThat(sessions.liveCount()).isEqualTo(2);
        assertThat(sessions.live()).containsExactlyInAnyOrder(a, b);
        assertThat(sessions.find(CallSid.of("CA7"))).containsSame(a);

        a.end();
        assertThat(sessions.find(CallSid.of("CA7"))).isEmpty();
        assertThat(sessions.liveCount()).isEqualTo(1);

        sessions.endAll();
        assertThat(b.isEnded()).isTrue();
        assertThat(sessions.liveCount()).isZero();
        assertThat(sessions.start(new CallSessions.StreamStart(tenant, CallSid.of("CA7"))))
                .as("an ended call's sid may stream again").isInstanceOf(CallSessions.Started.class);
    }

    @Test
    void aSessionWhoseRecogniserCannotOpenIsNotKept() {
        h.transcriber.failOpen = new IllegalStateException("recogniser unreachable");
        assertThatThrownBy(() -> start(tenant, "CA9")).hasMessage("recogniser unreachable");
        assertThat(h.core.callSessions().liveCount()).isZero();
        h.transcriber.failOpen = null;
        assertThat(start(tenant, "CA9").isEnded()).isFalse();
    }
}
