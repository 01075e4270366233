package com.ethiq.core.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.contract.SpeechTranscriberContract;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.SpeechTranscriber;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ScriptedSpeechTranscriberTest extends SpeechTranscriberContract {
    private static final int MS = 8; // bytes of mu-law per millisecond

    @Override
    protected SpeechTranscriber create() {
        return new ScriptedSpeechTranscriber();
    }

    @Override
    protected byte[] speak(SpeechTranscriber transcriber, CallSid callSid, Speaker speaker, List<String> lines) {
        ScriptedSpeechTranscriber scripted = (ScriptedSpeechTranscriber) transcriber;
        scripted.script(callSid, speaker, lines);
        return silence((int) scripted.audioNeeded(lines).toMillis() * MS + 1000 * MS);
    }

    private ScriptedSpeechTranscriber scripted() {
        return (ScriptedSpeechTranscriber) transcriber;
    }

    @Test
    void aLineOfWWordsNeedsWTimesThePerWordAudio() {
        CallSid call = newCallSid();
        scripted().script(call, Speaker.CALLER, List.of("donnez moi votre code"));
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(call, Speaker.CALLER), recorder);

        pushFrames(stream, silence(149 * MS));
        assertThat(recorder.segments()).isEmpty();
        stream.push(silence(MS));
        assertThat(recorder.segments()).singleElement().satisfies(s -> {
            assertThat(s.isFinal()).isFalse();
            assertThat(s.text()).isEqualTo("donnez");
            assertThat(s.endOffset()).isEqualTo(Duration.ofMillis(150));
        });

        pushFrames(stream, silence((1199 - 150) * MS));
        assertThat(recorder.finals()).isEmpty();
        assertThat(recorder.segments()).extracting(TranscriptSegment::text)
                .containsExactly("donnez", "donnez moi", "donnez moi votre", "donnez moi votre code");
        stream.push(silence(MS));
        assertThat(recorder.finals()).singleElement().satisfies(s -> {
            assertThat(s.text()).isEqualTo("donnez moi votre code");
            assertThat(s.startOffset()).isEqualTo(Duration.ZERO);
            assertThat(s.endOffset()).isEqualTo(Duration.ofMillis(1200));
            assertThat(s.confidence()).isEqualTo(1.0);
        });
        stream.close();
    }

    @Test
    void linesScriptedAfterTheStreamOpenedStartWithTheAudioThatFollows() {
        CallSid call = newCallSid();
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(call, Speaker.CALLEE), recorder);
        pushFrames(stream, silence(2000 * MS));
        scripted().script(call, Speaker.CALLEE, List.of("oui", "je vous ecoute"));
        pushFrames(stream, silence(1500 * MS));
        stream.close();
        recorder.awaitClosed(timeout());

        assertThat(recorder.finals()).extracting(TranscriptSegment::text).containsExactly("oui", "je vous ecoute");
        TranscriptSegment first = recorder.finals().get(0);
        assertThat(first.startOffset()).isEqualTo(Duration.ofMillis(2000));
        assertThat(first.endOffset()).isEqualTo(Duration.ofMillis(2300));
        assertThat(recorder.finals().get(1).startOffset()).isEqualTo(Duration.ofMillis(2300));
    }

    @Test
    void pauseBetweenLinesDelaysTheNextLine() {
        ScriptedSpeechTranscriber paused = new ScriptedSpeechTranscriber(Duration.ofMillis(100), Duration.ofMillis(500));
        CallSid call = newCallSid();
        paused.script(call, Speaker.CALLER, List.of("un deux", "trois"));
        Recorder recorder = new Recorder();
        TranscriptionStream stream = paused.open(request(call, Speaker.CALLER), recorder);
        pushFrames(stream, silence(799 * MS));
        assertThat(recorder.finals()).hasSize(1);
        stream.push(silence(MS));
        assertThat(recorder.finals()).extracting(TranscriptSegment::endOffset)
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(800));
        assertThat(paused.audioNeeded(List.of("un deux", "trois"))).isEqualTo(Duration.ofMillis(1300));
        stream.close();
    }

    @Test
    void remainingScriptTellsWhenASimulatedCallIsDone() {
        CallSid call = newCallSid();
        assertThat(scripted().hasScriptRemaining(call)).isFalse();
        scripted().script(call, Speaker.CALLER, List.of("allo", "c est la banque"));
        scripted().script(call, Speaker.CALLEE, List.of("oui"));
        assertThat(scripted().remainingLines(call, Speaker.CALLER)).isEqualTo(2);
        assertThat(scripted().hasScriptRemaining(call)).isTrue();

        Recorder caller = new Recorder();
        TranscriptionStream callerStream = transcriber.open(request(call, Speaker.CALLER), caller);
        pushFrames(callerStream, silence(150 * MS));
        assertThat(scripted().remainingLines(call, Speaker.CALLER)).as("a line being spoken still remains").isEqualTo(2);
        pushFrames(callerStream, silence(2000 * MS));
        assertThat(scripted().remainingLines(call, Speaker.CALLER)).isZero();
        assertThat(scripted().hasScriptRemaining(call)).as("the callee has not spoken yet").isTrue();

        Recorder callee = new Recorder();
        TranscriptionStream calleeStream = transcriber.open(request(call, Speaker.CALLEE), callee);
        pushFrames(calleeStream, silence(300 * MS));
        assertThat(scripted().hasScriptRemaining(call)).isFalse();
        callerStream.close();
        calleeStream.close();
        assertThat(scripted().openStreams()).isZero();
    }

    @Test
    void closingMidLineFinalisesWhatWasHeardAndAnUnheardLineWaitsForTheNextStream() {
        CallSid call = newCallSid();
        scripted().script(call, Speaker.CALLER, List.of("un deux trois quatre", "cinq six"));
        Recorder first = new Recorder();
        TranscriptionStream stream = transcriber.open(request(call, Speaker.CALLER), first);
        pushFrames(stream, silence(700 * MS)); // partials for two words so far (the third comes at 750 ms)
        stream.close();
        first.awaitClosed(timeout());
        assertThat(first.finalTexts()).containsExactly("un deux");
        assertThat(first.totalBilled()).isEqualTo(Duration.ofMillis(700));

        Recorder second = new Recorder();
        TranscriptionStream again = transcriber.open(request(call, Speaker.CALLER), second);
        again.push(silence(10 * MS));
        again.close(); // closed before "cinq" was heard: the line goes back
        assertThat(second.segments()).isEmpty();
        assertThat(scripted().remainingLines(call, Speaker.CALLER)).isEqualTo(1);

        Recorder third = new Recorder();
        TranscriptionStream last = transcriber.open(request(call, Speaker.CALLER), third);
        pushFrames(last, silence(600 * MS));
        last.close();
        assertThat(third.finalTexts()).containsExactly("cinq six");
        assertThat(third.finals().get(0).utteranceIndex()).isZero();
    }

    @Test
    void billedTimeIsTheAudioPushed() {
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(newCallSid(), Speaker.CALLER), recorder);
        pushFrames(stream, silence(12_340 * MS));
        stream.close();
        assertThat(recorder.billed()).containsExactly(Duration.ofMillis(12_340));
    }

    @Test
    void manyCallsScriptedAndPushedFromManyThreadsGetEachLineExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            List<List<String>> expected = new ArrayList<>();
            for (int c = 0; c < 64; c++) {
                List<String> lines = List.of("appel " + c + " ligne un", "appel " + c + " ligne deux", "fin " + c);
                expected.add(lines);
                results.add(pool.submit(() -> {
                    CallSid call = newCallSid();
                    Recorder recorder = new Recorder();
                    TranscriptionStream stream = transcriber.open(request(call, Speaker.CALLER), recorder);
                    // half the lines before, half after the first audio: registration races with pushes
                    scripted().script(call, Speaker.CALLER, lines.subList(0, 1));
                    pushFrames(stream, silence(100 * MS));
                    scripted().script(call, Speaker.CALLER, lines.subList(1, 3));
                    pushFrames(stream, silence(4000 * MS));
                    stream.close();
                    recorder.awaitClosed(timeout());
                    assertThat(scripted().hasScriptRemaining(call)).isFalse();
                    return recorder.finalTexts();
                }));
            }
            for (int c = 0; c < results.size(); c++) {
                assertThat(results.get(c).get()).containsExactlyElementsOf(expected.get(c));
            }
            assertThat(scripted().openStreams()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void forgetDropsTheLinesOfACall() {
        CallSid call = newCallSid();
        scripted().script(call, Speaker.CALLER, List.of("jamais dit"));
        scripted().forget(call);
        assertThat(scripted().hasScriptRemaining(call)).isFalse();
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(call, Speaker.CALLER), recorder);
        pushFrames(stream, silence(2000 * MS));
        stream.close();
        assertThat(recorder.segments()).isEmpty();
    }

    @Test
    void badArgumentsAreRejectedNamingTheParameter() {
        CallSid call = newCallSid();
        assertThatThrownBy(() -> scripted().script(call, Speaker.CALLER, List.of("ok", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'lines'");
        assertThatThrownBy(() -> scripted().script(null, Speaker.CALLER, List.of("ok")))
                .hasMessageContaining("'callSid'");
        assertThatThrownBy(() -> new ScriptedSpeechTranscriber(Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("'perWord'");
        assertThatThrownBy(() -> new ScriptedSpeechTranscriber(Duration.ofMillis(300), Duration.ofMillis(-1)))
                .hasMessageContaining("'pauseBetweenLines'");
        assertThat(scripted().hasScriptRemaining(call)).isFalse();
    }

    /** {@code ms} of a loud 400 Hz tone (speech to the recogniser's ear). */
    private static byte[] voice(int ms) {
        byte[] out = new byte[ms * MS];
        for (int i = 0; i < out.length; i++) {
            out[i] = com.ethiq.core.audio.MuLaw.encode((short) (4000 * Math.sin(2 * Math.PI * 400 * i / 8000.0)));
        }
        return out;
    }

    private static List<String> finalsHeard(boolean withSilences) {
        ScriptedSpeechTranscriber paced = ScriptedSpeechTranscriber.pacedBySpeech(Duration.ZERO);
        CallSid call = CallSid.of("CA-paced");
        paced.script(call, Speaker.CALLER, List.of("allô mamie", "c'est moi"));
        Recorder recorder = new Recorder();
        TranscriptionStream stream = paced.open(new SpeechTranscriber.TranscriptionRequest(
                new com.ethiq.core.domain.TenantId(java.util.UUID.randomUUID()), call, Speaker.CALLER,
                com.ethiq.core.domain.Language.FRENCH, List.of()), recorder);
        if (withSilences) {
            stream.push(silence(3000 * MS)); // a gap the speech gate would have held back
        }
        stream.push(voice(600)); // "allô mamie": 2 words, 600 ms
        assertThat(recorder.finals()).extracting(TranscriptSegment::text).containsExactly("allô mamie");
        if (withSilences) {
            stream.push(silence(1500 * MS));
        }
        stream.push(voice(599));
        assertThat(recorder.finals()).hasSize(1);
        stream.push(voice(1));
        stream.close();
        return recorder.finals().stream().map(TranscriptSegment::text).toList();
    }

    @Test
    void pacedBySpeechALineStartsAtItsFirstSpeechFrameSoSilencesSentOrNotChangeNothing() {
        assertThat(finalsHeard(true)).containsExactly("allô mamie", "c'est moi");
        assertThat(finalsHeard(false)).containsExactly("allô mamie", "c'est moi");
    }

    @Test
    void pacedBySpeechLineNoiseAndSilenceAloneReleaseNothing() {
        ScriptedSpeechTranscriber paced = ScriptedSpeechTranscriber.pacedBySpeech(Duration.ZERO);
        CallSid call = CallSid.of("CA-quiet");
        paced.script(call, Speaker.CALLEE, List.of("oui"));
        Recorder recorder = new Recorder();
        TranscriptionStream stream = paced.open(new SpeechTranscriber.TranscriptionRequest(
                new com.ethiq.core.domain.TenantId(java.util.UUID.randomUUID()), call, Speaker.CALLEE,
                com.ethiq.core.domain.Language.FRENCH, List.of()), recorder);
        java.util.Random random = new java.util.Random(3);
        byte[] noise = new byte[10_000 * MS];
        for (int i = 0; i < noise.length; i++) { // about -58 dBFS
            noise[i] = com.ethiq.core.audio.MuLaw.encode((short) Math.round(random.nextGaussian() * 41));
        }
        stream.push(noise);
        stream.push(silence(5000 * MS));
        assertThat(recorder.segments()).isEmpty();
        assertThat(paced.remainingLines(call, Speaker.CALLEE)).isEqualTo(1);
        byte[] speechMidChunk = new byte[1000 * MS];
        System.arraycopy(silence(500 * MS), 0, speechMidChunk, 0, 500 * MS);
        System.arraycopy(voice(500), 0, speechMidChunk, 500 * MS, 500 * MS);
        stream.push(speechMidChunk);
        assertThat(recorder.finals()).singleElement().satisfies(s -> {
            assertThat(s.startOffset()).isEqualTo(Duration.ofMillis(15_500));
            assertThat(s.endOffset()).isEqualTo(Duration.ofMillis(15_800));
        });
        stream.close();
    }

    private static TranscriptionStream open(ScriptedSpeechTranscriber paced, CallSid call, Recorder recorder) {
        return paced.open(new SpeechTranscriber.TranscriptionRequest(
                new com.ethiq.core.domain.TenantId(java.util.UUID.randomUUID()), call, Speaker.CALLER,
                com.ethiq.core.domain.Language.FRENCH, List.of()), recorder);
    }

    @Test
    void pacedBySpeechMakesALineFinalOnlyAfterTheEndpointingSilenceWasReceived() {
        ScriptedSpeechTranscriber paced = ScriptedSpeechTranscriber.pacedBySpeech(Duration.ofMillis(300));
        CallSid call = CallSid.of("CA-endpoint");
        paced.script(call, Speaker.CALLER, List.of("allô mamie"));
        Recorder recorder = new Recorder();
        TranscriptionStream stream = open(paced, call, recorder);
        stream.push(voice(600));
        // the partials keep their timing: halfway through each word
        assertThat(recorder.segments()).extracting(TranscriptSegment::endOffset)
                .containsExactly(Duration.ofMillis(150), Duration.ofMillis(450));
        pushFrames(stream, silence(280 * MS));
        assertThat(recorder.finals()).as("280 ms of silence: the endpointer waits").isEmpty();
        assertThat(paced.remainingLines(call, Speaker.CALLER)).isEqualTo(1);
        stream.push(silence(20 * MS));
        assertThat(recorder.finals()).singleElement().satisfies(s -> {
            assertThat(s.text()).isEqualTo("allô mamie");
            assertThat(s.endOffset()).as("where the speech ended").isEqualTo(Duration.ofMillis(600));
        });
        stream.close();
    }

    @Test
    void pacedBySpeechTheDefaultEndpointingIs400MsAndSpeechResetsIt() {
        ScriptedSpeechTranscriber paced = ScriptedSpeechTranscriber.pacedBySpeech();
        assertThat(ScriptedSpeechTranscriber.DEFAULT_ENDPOINTING).isEqualTo(Duration.ofMillis(400));
        CallSid call = CallSid.of("CA-default-endpoint");
        paced.script(call, Speaker.CALLER, List.of("oui"));
        Recorder recorder = new Recorder();
        TranscriptionStream stream = open(paced, call, recorder);
        stream.push(voice(300));
        stream.push(silence(300 * MS));
        stream.push(voice(100)); // a breath or a trailing sound after the line: still speech to the endpointer
        stream.push(silence(380 * MS));
        assertThat(recorder.finals()).isEmpty();
        stream.push(silence(20 * MS));
        assertThat(recorder.finals()).singleElement().satisfies(s -> assertThat(s.endOffset()).isEqualTo(Duration.ofMillis(300)));
        stream.close();
    }

    @Test
    void pacedBySpeechALineCutBeforeItsEndpointIsMadeFinalWhenTheNextLineSpeaksOrTheStreamCloses() {
        ScriptedSpeechTranscriber paced = ScriptedSpeechTranscriber.pacedBySpeech(Duration.ofMillis(500));
        CallSid call = CallSid.of("CA-cut");
        paced.script(call, Speaker.CALLER, List.of("allô mamie", "c'est moi", "oui"));
        Recorder recorder = new Recorder();
        TranscriptionStream stream = open(paced, call, recorder);
        stream.push(voice(600));
        stream.push(silence(200 * MS)); // what a gate closing early would send
        assertThat(recorder.finals()).isEmpty();
        stream.push(voice(600));
        assertThat(recorder.finals()).extracting(TranscriptSegment::text).containsExactly("allô mamie");
        assertThat(recorder.finals().get(0).endOffset()).isEqualTo(Duration.ofMillis(600));
        stream.push(silence(100 * MS));
        assertThat(recorder.finals()).hasSize(1);
        stream.close(); // half-close flushes what was heard whole
        assertThat(recorder.finals()).extracting(TranscriptSegment::text).containsExactly("allô mamie", "c'est moi");
        assertThat(recorder.finals().get(1).endOffset()).isEqualTo(Duration.ofMillis(1400));
        assertThat(paced.remainingLines(call, Speaker.CALLER)).isEqualTo(1);
        assertThatThrownBy(() -> ScriptedSpeechTranscriber.pacedBySpeech(Duration.ofMillis(-1)))
                .hasMessageContaining("'endpointing'");
    }
}
