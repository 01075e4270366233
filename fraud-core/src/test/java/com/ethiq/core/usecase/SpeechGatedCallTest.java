package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.audio.Signals;
import com.ethiq.core.audio.SpeechGate;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A simulated call with real (synthesised) speech and the turn-taking of a conversation, through the call session and
 * the scripted recogniser: the gate must cut the billed speech time and change nothing in what is recognised.
 */
class SpeechGatedCallTest {
    private static final double NOISE_DBFS = -58;

    /** One turn: who speaks which clip, after how much quiet. */
    private record Turn(Speaker speaker, String clip, String text, int pauseBeforeMillis) {
    }

    private static final List<Turn> CONVERSATION = List.of(
            new Turn(Speaker.CALLER, "fr-1", "Bonjour madame, je suis conseiller au service des fraudes de votre banque.", 1_500),
            new Turn(Speaker.CALLEE, "fr-2", "Oui bonjour, de quoi s'agit-il exactement ?", 700),
            new Turn(Speaker.CALLER, "en-1", "Hello, this is the fraud department of your bank, we noticed a suspicious payment.", 900),
            new Turn(Speaker.CALLEE, "en-2", "Oh dear, what kind of payment was it?", 600),
            new Turn(Speaker.CALLER, "fr-1", "Bonjour madame, je suis conseiller au service des fraudes de votre banque.", 6_000),
            new Turn(Speaker.CALLEE, "en-2", "Oh dear, what kind of payment was it?", 800),
            new Turn(Speaker.CALLER, "en-1", "Hello, this is the fraud department of your bank, we noticed a suspicious payment.", 1_000),
            new Turn(Speaker.CALLEE, "fr-2", "Oui bonjour, de quoi s'agit-il exactement ?", 12_000));

    private record Outcome(double callSeconds, double billedSeconds, List<String> finals, int linesLeftBeforeEnd) {
        double billedPerCallSecond() {
            return billedSeconds / callSeconds;
        }
    }

    private static Outcome play(SpeechGate.Settings gate) {
        ScriptedSpeechTranscriber scripted = new ScriptedSpeechTranscriber();
        CoreHarness h = new CoreHarness(null, b -> b.speechTranscriber(scripted).speechGate(gate));
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        CallSid sid = CallSid.of("CA-gated");
        for (Turn turn : CONVERSATION) {
            scripted.script(sid, turn.speaker(), List.of(turn.text()));
        }
        IncomingCallService incoming = h.core.incomingCalls();
        var call = new IncomingCall(sid, "+33700000009", t.twilioNumber());
        incoming.decide(call, incoming.resolve(call.to()));
        CallSession s = ((CallSessions.Started) h.core.callSessions().start(new CallSessions.StreamStart(t, sid))).session();

        // Both tracks carry audio all call long: the speaker's clip on its track, line noise on the other.
        List<byte[]> caller = new ArrayList<>();
        List<byte[]> callee = new ArrayList<>();
        long seed = 1;
        for (Turn turn : CONVERSATION) {
            caller.add(Signals.noise(turn.pauseBeforeMillis(), NOISE_DBFS, seed++));
            callee.add(Signals.noise(turn.pauseBeforeMillis(), NOISE_DBFS, seed++));
            byte[] clip = Signals.mix(Signals.clip(turn.clip()), 0, NOISE_DBFS, seed++);
            byte[] quiet = Signals.noise(clip.length * 1000 / Signals.RATE, NOISE_DBFS, seed++);
            caller.add(turn.speaker() == Speaker.CALLER ? clip : quiet);
            callee.add(turn.speaker() == Speaker.CALLEE ? clip : quiet);
        }
        caller.add(Signals.noise(2_000, NOISE_DBFS, seed++));
        callee.add(Signals.noise(2_000, NOISE_DBFS, seed));
        List<byte[]> callerChunks = Signals.chunks(Signals.concat(caller.toArray(byte[][]::new)), Signals.CHUNK);
        List<byte[]> calleeChunks = Signals.chunks(Signals.concat(callee.toArray(byte[][]::new)), Signals.CHUNK);
        for (int i = 0; i < Math.max(callerChunks.size(), calleeChunks.size()); i++) {
            if (i < callerChunks.size()) {
                s.onAudio(Speaker.CALLER, callerChunks.get(i));
            }
            if (i < calleeChunks.size()) {
                s.onAudio(Speaker.CALLEE, calleeChunks.get(i));
            }
        }
        int left = scripted.remainingLines(sid, Speaker.CALLER) + scripted.remainingLines(sid, Speaker.CALLEE);
        s.end();

        double callSeconds = s.audioBytes(Speaker.CALLER) / (double) Signals.RATE;
        long billedMillis = h.usage.events(t.id(), YearMonth.of(2026, 3)).stream()
                .filter(e -> e.kind() == UsageKind.SPEECH_MILLIS).mapToLong(e -> e.quantity()).sum();
        List<String> finals = h.callLogs.transcript(t.id(), sid).stream().map(TranscriptSegment::text).toList();
        return new Outcome(callSeconds, billedMillis / 1000.0, finals, left);
    }

    @Test
    void theGateBillsLessThanEightTenthsOfASecondPerCallSecondAndEveryLineIsStillHeard() {
        Outcome gated = play(SpeechGate.Settings.DEFAULT);
        Outcome ungated = play(SpeechGate.Settings.OFF);
        System.out.printf("speech gate on a %.1f s call with 8 turns: billed %.1f s gated (%.2f per call second), "
                        + "%.1f s ungated (%.2f)%n", gated.callSeconds(), gated.billedSeconds(), gated.billedPerCallSecond(),
                ungated.billedSeconds(), ungated.billedPerCallSecond());

        assertThat(ungated.billedPerCallSecond()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(gated.billedPerCallSecond()).isLessThanOrEqualTo(0.8);
        assertThat(gated.linesLeftBeforeEnd()).as("lines not yet heard when the audio ran out").isZero();
        assertThat(gated.finals()).hasSize(CONVERSATION.size())
                .containsExactlyInAnyOrderElementsOf(CONVERSATION.stream().map(Turn::text).toList())
                .containsExactlyInAnyOrderElementsOf(ungated.finals());
    }

    @Test
    void digitalSilenceOnATrackOpensNoBilledTime() {
        ScriptedSpeechTranscriber scripted = new ScriptedSpeechTranscriber();
        CoreHarness h = new CoreHarness(null, b -> b.speechTranscriber(scripted));
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        CallSid sid = CallSid.of("CA-silent");
        IncomingCallService incoming = h.core.incomingCalls();
        var call = new IncomingCall(sid, "+33700000009", t.twilioNumber());
        incoming.decide(call, incoming.resolve(call.to()));
        CallSession s = ((CallSessions.Started) h.core.callSessions().start(new CallSessions.StreamStart(t, sid))).session();
        for (byte[] chunk : Signals.chunks(Signals.silence(30_000), Signals.CHUNK)) {
            s.onAudio(Speaker.CALLER, chunk);
        }
        assertThat(s.audioBytes(Speaker.CALLER)).isEqualTo(30L * Signals.RATE);
        assertThat(s.recognisedBytes(Speaker.CALLER)).isZero();
        s.end();
        assertThat(h.usage.events(t.id(), YearMonth.of(2026, 3))).noneMatch(e -> e.kind() == UsageKind.SPEECH_MILLIS);
    }

    /** Recognised bytes of the caller track after 3 s of line noise then a clip, for this account and node switch. */
    private static long[] offeredAndRecognised(boolean accountGate, SpeechGate.Settings nodeGate) {
        ScriptedSpeechTranscriber scripted = new ScriptedSpeechTranscriber();
        CoreHarness h = new CoreHarness(null, b -> b.speechTranscriber(scripted).speechGate(nodeGate));
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        Tenant chosen = t.withSettings(t.settings().withSpeechGate(accountGate));
        h.tenants.updateSettings(t.id(), chosen.settings());
        CallSid sid = CallSid.of("CA-account-gate");
        IncomingCallService incoming = h.core.incomingCalls();
        var call = new IncomingCall(sid, "+33700000009", t.twilioNumber());
        incoming.decide(call, incoming.resolve(call.to()));
        CallSession s = ((CallSessions.Started) h.core.callSessions().start(new CallSessions.StreamStart(chosen, sid))).session();
        byte[] audio = Signals.concat(Signals.noise(3_000, NOISE_DBFS, 7), Signals.mix(Signals.clip("fr-1"), 0, NOISE_DBFS, 8));
        for (byte[] chunk : Signals.chunks(audio, Signals.CHUNK)) {
            s.onAudio(Speaker.CALLER, chunk);
        }
        long[] out = {s.audioBytes(Speaker.CALLER), s.recognisedBytes(Speaker.CALLER)};
        s.end();
        return out;
    }

    @Test
    void anAccountThatTurnsTheGateOffHasEveryByteSentAndOnlyTheNodeSwitchCanForceThatForAll() {
        long[] on = offeredAndRecognised(true, SpeechGate.Settings.DEFAULT);
        long[] accountOff = offeredAndRecognised(false, SpeechGate.Settings.DEFAULT);
        long[] nodeOff = offeredAndRecognised(true, SpeechGate.Settings.OFF);

        // gate on: the 3 s of line noise before the speech stay on the server (the pre-roll aside)
        assertThat(on[1]).isLessThan(on[0] - 2L * Signals.RATE);
        assertThat(accountOff[1]).as("account switched the gate off: everything sent").isEqualTo(accountOff[0]);
        assertThat(nodeOff[1]).as("node switch off wins over the account's default (on)").isEqualTo(nodeOff[0]);
    }
}
