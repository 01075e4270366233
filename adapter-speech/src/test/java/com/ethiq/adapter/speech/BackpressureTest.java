package com.ethiq.adapter.speech;

import static com.ethiq.core.contract.SpeechTranscriberContract.newCallSid;
import static com.ethiq.core.contract.SpeechTranscriberContract.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.speech.fake.FakeSpeechAudio;
import com.ethiq.core.contract.SpeechTranscriberContract;
import com.ethiq.core.contract.SpeechTranscriberContract.Recorder;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A service slower than the phone: push stays cheap, memory stays bounded, the oldest audio goes first. */
class BackpressureTest extends FakeServiceTest {
    @Test
    void aSlowServiceMakesUsDropTheOldestAudioNeverBlockThePusherAndKeepTheNewestWords() {
        server.slow(Duration.ofMillis(200)); // with gRPC flow control: about 5 requests a second
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings()
                .maxQueuedAudio(Duration.ofSeconds(2)).closeTimeout(Duration.ofSeconds(5)).build());
        List<String> early = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            early.add("ancienne phrase numero" + i);
        }
        byte[] audio = FakeSpeechAudio.concat(FakeSpeechAudio.lines(early), FakeSpeechAudio.lines(List.of("derniere phrase")));
        Recorder warmUp = new Recorder(); // first use loads classes: keep that out of the measured pushes
        TranscriptionStream first = transcriber.open(request(newCallSid(), Speaker.CALLEE), warmUp);
        SpeechTranscriberContract.pushFrames(first, FakeSpeechAudio.silence(Duration.ofMillis(400)));
        first.close();
        warmUp.awaitClosed(Duration.ofSeconds(10));
        long droppedBefore = transcriber.metrics().droppedAudioBytes();
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(newCallSid(), Speaker.CALLER), recorder);

        long slowest = 0;
        long start = System.nanoTime();
        for (int off = 0; off < audio.length; off += SpeechTestKit.FRAME) {
            byte[] frame = Arrays.copyOfRange(audio, off, Math.min(off + SpeechTestKit.FRAME, audio.length));
            long t = System.nanoTime();
            stream.push(frame);
            slowest = Math.max(slowest, System.nanoTime() - t);
        }
        Duration pushing = Duration.ofNanos(System.nanoTime() - start);
        SpeechMetrics during = transcriber.metrics();
        stream.close();
        recorder.awaitClosed(Duration.ofSeconds(15));

        assertThat(pushing).as("%s of audio pushed", FakeSpeechAudio.duration(audio)).isLessThan(Duration.ofMillis(500));
        // waiting for the service even once would take a whole request (200 ms); allow for a busy machine's preemption
        assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(150));
        assertThat(during.queuedAudioBytes()).as("bounded queue").isLessThanOrEqualTo(2_000L * 8 + 800);
        long dropped = transcriber.metrics().droppedAudioBytes() - droppedBefore;
        assertThat(dropped).isPositive();
        long heard = server.streams().get(1).audioBytes();
        assertThat(heard + dropped).as("every byte was either sent or counted as dropped").isEqualTo(audio.length);
        assertThat(recorder.finalTexts()).as("the newest words survive").endsWith("derniere phrase");
        assertThat(recorder.finalTexts()).doesNotContain("ancienne phrase numero0");
        System.out.printf("[backpressure] pushed %s in %d ms (slowest push %d us); dropped %d ms of audio%n",
                FakeSpeechAudio.duration(audio), pushing.toMillis(), slowest / 1000, dropped / 8);
    }

    @Test
    void pushCostsAFewMicrosecondsPerChunk() {
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings().build());
        int tracks = 50;
        List<TranscriptionStream> streams = new ArrayList<>();
        List<Recorder> recorders = new ArrayList<>();
        for (int i = 0; i < tracks; i++) {
            Recorder r = new Recorder();
            recorders.add(r);
            streams.add(transcriber.open(request(newCallSid(), Speaker.CALLER), r));
        }
        byte[] frame = FakeSpeechAudio.silence(Duration.ofMillis(100)); // what the media edge pushes
        long pushes = 0;
        long nanos = 0;
        for (int round = 0; round < 3; round++) { // the first round warms up the JIT
            for (int second = 0; second < 10; second++) { // 10 s of audio per track and round
                long start = System.nanoTime();
                for (int f = 0; f < 10; f++) {
                    for (TranscriptionStream s : streams) {
                        s.push(frame);
                    }
                }
                if (round > 0) {
                    nanos += System.nanoTime() - start; // the pushing thread's time only, not the waits below
                    pushes += 10L * tracks;
                }
                // Every track empty before the next second: the queue bound is per track (10 s of audio) and this
                // loop pushes a second of audio per track in microseconds, far faster than a phone. Waiting only for
                // the total to fall below two chunks per track let one track whose sending lagged (its share of the
                // two workers, gRPC flow control) hold nearly all of it and overflow its own 10 s with the next
                // pushes: the 0.3-0.5 % "dropped" seen on a saturated machine. At the phone's pace a track drops only
                // after 10 s without sending, which the byte-accounting test above covers.
                SpeechTestKit.awaitQueueBelow(transcriber, 0, Duration.ofSeconds(10));
            }
        }
        // everything pushed is sent before the close: audio still queued at close is counted as dropped, and on a busy
        // machine the last burst may not have left yet
        SpeechTestKit.awaitQueueBelow(transcriber, 0, Duration.ofSeconds(20));
        streams.forEach(TranscriptionStream::close);
        recorders.forEach(r -> r.awaitClosed(Duration.ofSeconds(10)));
        double perPush = nanos / 1000.0 / pushes;
        System.out.printf("[push cost] %.2f us per 100 ms chunk on the pushing thread (%d pushes)%n", perPush, pushes);
        // an average over 10,000 pushes: a push that waited on the service (milliseconds) would show at once, while
        // preemption on a loaded machine stays far below this bound (the measured figure is in docs/speech.md)
        assertThat(perPush).isLessThan(100.0);
        // paced per track as above, nothing may be dropped, however loaded the machine
        assertThat(transcriber.metrics().droppedAudioBytes()).isZero();
        assertThat(transcriber.metrics().failures()).isZero();
    }
}
