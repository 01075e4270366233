package com.ethiq.adapter.speech;

import static com.ethiq.core.contract.SpeechTranscriberContract.newCallSid;
import static com.ethiq.core.contract.SpeechTranscriberContract.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.speech.fake.FakeSpeechAudio;
import com.ethiq.adapter.speech.fake.FakeSpeechServer.StreamRecord;
import com.ethiq.core.contract.SpeechTranscriberContract.Recorder;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Long calls, time-compressed: audio is pushed as fast as the adapter takes it, and the stream limits are scaled
 * down (a stream lives 60 s of audio instead of 305 s), so a 12-minute call crosses many restarts in a few seconds.
 */
class LongCallTest extends FakeServiceTest {
    private static final long QUEUE_BOUND = 1_600; // two 100 ms chunks: push no faster than the stream drains

    @Test
    void aTwelveMinuteCallAcrossPlannedRestartsGetsEveryLineOnceInOrderAtTheRightTime() {
        server.streamLimit(Duration.ofSeconds(65));
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings()
                .restartInterval(Duration.ofSeconds(60)).retainedAudio(Duration.ofSeconds(30)).build());
        SpeechTestKit.Script script = SpeechTestKit.conversation(42, "appelant", Duration.ofMinutes(12));

        Recorder recorder = runCall(script.audio());

        assertExactTranscript(recorder, script);
        List<StreamRecord> streams = server.streams();
        assertThat(streams.size()).as("streams for %s of audio", script.duration()).isGreaterThanOrEqualTo(13);
        assertThat(streams).extracting(StreamRecord::outcome).as("planned restarts beat the limit").containsOnly("OK");
        assertThat(transcriber.metrics().restarts()).isEqualTo(streams.size() - 1);
        assertBillingSummed(recorder, streams.size());
        report("planned", script, streams);
    }

    @Test
    void aTwelveMinuteCallCutByTheServiceLimitGetsEveryLineOnceInOrderAtTheRightTime() {
        server.streamLimit(Duration.ofSeconds(61));
        // our own restart interval is longer than the service's limit: every stream dies of OUT_OF_RANGE
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings()
                .restartInterval(Duration.ofMinutes(10)).retainedAudio(Duration.ofSeconds(30)).build());
        SpeechTestKit.Script script = SpeechTestKit.conversation(7, "escroc", Duration.ofMinutes(12));

        Recorder recorder = runCall(script.audio());

        assertExactTranscript(recorder, script);
        List<StreamRecord> streams = server.streams();
        assertThat(streams).filteredOn(s -> "OUT_OF_RANGE".equals(s.outcome())).hasSizeGreaterThanOrEqualTo(10);
        assertThat(streams).as("some utterances were cut in the middle and still came out whole, once")
                .filteredOn(StreamRecord::cutMidUtterance).isNotEmpty();
        assertThat(transcriber.metrics().failures()).isZero();
        // a stream killed by OUT_OF_RANGE reports no billed time: only the last, closed normally, does
        assertBillingSummed(recorder, 1);
        report("out-of-range", script, streams);
    }

    @Test
    void twoMinutesOfSilenceThenSpeech() {
        server.streamLimit(Duration.ofSeconds(65));
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings()
                .restartInterval(Duration.ofSeconds(60)).retainedAudio(Duration.ofSeconds(30)).build());
        List<String> lines = List.of("allo vous m entendez", "ici le service des fraudes");
        byte[] audio = FakeSpeechAudio.concat(FakeSpeechAudio.silence(Duration.ofMinutes(2)), FakeSpeechAudio.lines(lines));

        Recorder recorder = runCall(audio);

        assertThat(recorder.finalTexts()).containsExactlyElementsOf(lines);
        assertThat(recorder.finals().get(0).endOffset())
                .isEqualTo(Duration.ofMinutes(2).plus(FakeSpeechAudio.WORD.multipliedBy(4)).plus(SpeechTestKit.END_OF_UTTERANCE));
        List<StreamRecord> streams = server.streams();
        assertThat(streams.size()).isGreaterThanOrEqualTo(3);
        long heard = streams.stream().mapToLong(StreamRecord::audioBytes).sum();
        // in silence no interim is pending, so a restart replays at most the quiet window (5 s), not 30 s
        long replayBound = (streams.size() - 1) * TrackSession.QUIET_RETAINED_BYTES;
        assertThat(heard).as("replays of silence stay short").isLessThanOrEqualTo(audio.length + replayBound);
    }

    @Test
    void silenceAbortsAreRestartedAndLaterSpeechIsRecognised() {
        server.silenceLimit(Duration.ofSeconds(10));
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings().build());
        byte[] audio = FakeSpeechAudio.concat(FakeSpeechAudio.lines(List.of("bonjour")),
                FakeSpeechAudio.silence(Duration.ofSeconds(45)), FakeSpeechAudio.lines(List.of("vous etes toujours la")));

        Recorder recorder = runCall(audio);

        assertThat(recorder.finalTexts()).containsExactly("bonjour", "vous etes toujours la");
        assertThat(server.streams()).filteredOn(s -> "OUT_OF_RANGE".equals(s.outcome())).hasSizeGreaterThanOrEqualTo(3);
        assertThat(recorder.failures()).isEmpty();
    }

    private Recorder runCall(byte[] audio) {
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(newCallSid(), Speaker.CALLER), recorder);
        SpeechTestKit.pushPaced(transcriber, stream, audio, 1000, QUEUE_BOUND);
        stream.close();
        recorder.awaitClosed(Duration.ofSeconds(20));
        return recorder;
    }

    private static void assertExactTranscript(Recorder recorder, SpeechTestKit.Script script) {
        List<TranscriptSegment> finals = recorder.finals();
        assertThat(finals).extracting(TranscriptSegment::text).containsExactlyElementsOf(script.lines());
        assertThat(finals).extracting(TranscriptSegment::endOffset).as("offsets stay on the call's clock across streams")
                .containsExactlyElementsOf(script.finalAt());
        for (int i = 0; i < finals.size(); i++) {
            assertThat(finals.get(i).utteranceIndex()).isEqualTo(i);
        }
        List<TranscriptSegment> segments = recorder.segments();
        for (TranscriptSegment fin : finals) {
            int at = segments.indexOf(fin);
            // a late interim of a replaced stream would show up as a partial that is not a prefix of its final
            assertThat(segments.subList(0, at)).filteredOn(s -> s.utteranceIndex() == fin.utteranceIndex())
                    .isNotEmpty().allSatisfy(p -> assertThat(fin.text()).startsWith(p.text()));
            assertThat(segments.subList(at + 1, segments.size())).noneMatch(s -> s.utteranceIndex() == fin.utteranceIndex());
        }
        assertThat(recorder.failures()).isEmpty();
    }

    private void assertBillingSummed(Recorder recorder, int billedStreams) {
        assertThat(recorder.billed()).hasSize(billedStreams);
        assertThat(recorder.totalBilled()).isEqualTo(server.totalBilled()).isPositive();
        assertThat(transcriber.metrics().billedMillis()).isEqualTo(server.totalBilled().toMillis());
    }

    private static void report(String kind, SpeechTestKit.Script script, List<StreamRecord> streams) {
        long maxGapMicros = 0;
        for (int i = 1; i < streams.size(); i++) {
            // from the moment the old stream stopped receiving (or ended) to the first audio on the new one
            long gap = streams.get(i).firstAudioNanos() - Math.min(streams.get(i - 1).endNanos(), streams.get(i).startNanos());
            maxGapMicros = Math.max(maxGapMicros, gap / 1000);
        }
        System.out.printf("[long call %s] audio=%s lines=%d streams=%d max restart gap=%d us%n", kind, script.duration(),
                script.lines().size(), streams.size(), maxGapMicros);
    }
}
