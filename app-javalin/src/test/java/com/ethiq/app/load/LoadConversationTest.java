package com.ethiq.app.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.audio.SpeechGate;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import com.ethiq.core.port.SpeechTranscriber;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The harness's calls speak: the recogniser hears the same lines, in order, with or without the speech gate. */
class LoadConversationTest {

    private static List<String> heard(boolean scam, boolean gated, Speaker speaker) {
        AutoScriptingTranscriber transcriber = new AutoScriptingTranscriber(ScriptedSpeechTranscriber.pacedBySpeech());
        CallSid sid = CallSid.of(scam ? scamStartingAtOnce() : LoadPlan.callSid(0, false));
        List<String> finals = new ArrayList<>();
        SpeechTranscriber.TranscriptListener listener = segment -> {
            if (segment.isFinal()) {
                finals.add(segment.text());
            }
        };
        SpeechTranscriber.TranscriptionStream stream = transcriber.open(new SpeechTranscriber.TranscriptionRequest(
                new TenantId(UUID.randomUUID()), sid, speaker, Language.FRENCH, List.of()), listener);
        SpeechGate gate = new SpeechGate(gated ? SpeechGate.Settings.DEFAULT : SpeechGate.Settings.OFF, stream::push);
        LoadConversation conversation = LoadConversation.of(scam);
        byte[] chunk = new byte[800];
        int filled = 0;
        for (int f = 0; f < conversation.frames(); f++) {
            byte[] frame = Base64.getDecoder().decode(conversation.payload(speaker == Speaker.CALLER, f));
            System.arraycopy(frame, 0, chunk, filled, frame.length);
            filled += frame.length;
            if (filled == chunk.length) { // the media edge's 100 ms batches
                gate.accept(chunk);
                chunk = new byte[800];
                filled = 0;
            }
        }
        return finals;
    }

    /** A scam call sid of the load plan whose scam comes right after the first line (no ordinary lines before it). */
    private static String scamStartingAtOnce() {
        return LongStream.range(0, 1000).mapToObj(n -> LoadPlan.callSid(n, true))
                .filter(sid -> AutoScriptingTranscriber.linesBeforeScam(sid) == 0)
                .findFirst().orElseThrow(() -> new AssertionError("no scam sid in 1000 starts its scam at once"));
    }

    @Test
    void everyLineOfAScamCallIsHeardInOrderWhetherOrNotSilenceIsSent() {
        List<String> caller = heard(true, true, Speaker.CALLER);
        List<String> expected = new ArrayList<>();
        expected.add(AutoScriptingTranscriber.LEGIT.get(0));
        expected.addAll(AutoScriptingTranscriber.SCAM);
        expected.addAll(AutoScriptingTranscriber.LEGIT);
        assertThat(caller).containsExactlyElementsOf(expected);
        assertThat(heard(true, false, Speaker.CALLER)).containsExactlyElementsOf(caller);

        List<String> callee = heard(true, true, Speaker.CALLEE);
        assertThat(callee).hasSize(10).startsWith(AutoScriptingTranscriber.ANSWERS.toArray(String[]::new));
        assertThat(heard(true, false, Speaker.CALLEE)).containsExactlyElementsOf(callee);
    }

    @Test
    void aLegitCallRepeatsItsLinesAndTheAudioLoopsOnTheSameTurns() {
        LoadConversation c = LoadConversation.of(false);
        assertThat(c.introFrames()).isPositive().isLessThan(c.frames());
        assertThat(c.payload(true, c.frames())).isSameAs(c.payload(true, c.introFrames()));
        assertThat(heard(false, true, Speaker.CALLER)).hasSize(6).containsExactlyElementsOf(heard(false, false, Speaker.CALLER));
    }
}
