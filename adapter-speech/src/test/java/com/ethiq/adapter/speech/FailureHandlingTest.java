package com.ethiq.adapter.speech;

import static com.ethiq.core.contract.SpeechTranscriberContract.newCallSid;
import static com.ethiq.core.contract.SpeechTranscriberContract.pushFrames;
import static com.ethiq.core.contract.SpeechTranscriberContract.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.fake.MutableClock;
import com.ethiq.adapter.speech.fake.FakeSpeechAudio;
import com.ethiq.adapter.speech.fake.FakeSpeechServer.StreamRecord;
import com.ethiq.core.contract.SpeechTranscriberContract.Recorder;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionStream;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Errors from the service: what is retried, what is not, and what the listener hears. */
class FailureHandlingTest extends FakeServiceTest {
    private static final List<String> LINES = List.of("un deux trois quatre cinq six", "sept huit neuf");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void unavailableMidUtteranceIsRecoveredWithNothingLostOrDoubled() {
        server.failMidStream(Duration.ofMillis(1000), Status.Code.UNAVAILABLE); // 3 words into the first line
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings().build());

        Recorder recorder = call(FakeSpeechAudio.lines(LINES));

        assertThat(recorder.finalTexts()).containsExactlyElementsOf(LINES);
        List<StreamRecord> streams = server.streams();
        assertThat(streams).hasSize(2);
        assertThat(streams.get(0).outcome()).isEqualTo("UNAVAILABLE");
        assertThat(streams.get(0).cutMidUtterance()).isTrue();
        assertThat(transcriber.metrics().retries()).isEqualTo(1);
        assertThat(recorder.failures()).isEmpty();
    }

    @Test
    void unavailableOnOpenIsRetriedWithBackoff() {
        server.failOpens(3, Status.Code.UNAVAILABLE);
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings().build());

        Recorder recorder = call(FakeSpeechAudio.lines(LINES));

        assertThat(recorder.finalTexts()).containsExactlyElementsOf(LINES);
        assertThat(server.streams()).extracting(StreamRecord::outcome).containsExactly("UNAVAILABLE", "UNAVAILABLE", "UNAVAILABLE", "OK");
        assertThat(transcriber.metrics().retries()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = Status.Code.class, names = {"PERMISSION_DENIED", "UNAUTHENTICATED", "INVALID_ARGUMENT"})
    void aPermanentErrorFailsTheTrackOnceWithoutRetryingAndTheCallGoesOn(Status.Code code) {
        server.failOpens(1, code);
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings().fallbackModel("").build());
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(newCallSid(), Speaker.CALLER), recorder);

        pushFrames(stream, FakeSpeechAudio.lines(LINES));
        SpeechTestKit.awaitTrue(() -> !recorder.failures().isEmpty(), TIMEOUT, "onFailure");
        pushFrames(stream, FakeSpeechAudio.lines(LINES)); // the call goes on; its audio is ignored
        stream.close();
        recorder.awaitClosed(TIMEOUT);

        assertThat(recorder.failures()).singleElement().satisfies(f -> {
            assertThat(f.permanent()).isTrue();
            assertThat(f.reason()).contains(code.name());
        });
        assertThat(recorder.segments()).isEmpty();
        assertThat(server.streams()).hasSize(1);
        assertThat(transcriber.metrics().failures()).isEqualTo(1);
        assertThat(transcriber.metrics().retries()).isZero();
        assertThat(transcriber.metrics().queuedAudioBytes()).isZero();
    }

    @Test
    void aModelTheLanguageLacksFallsBackToPhoneCallForThisAndLaterStreams() {
        server.rejectModel("telephony");
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings().build());

        Recorder first = call(FakeSpeechAudio.lines(LINES));
        Recorder second = call(FakeSpeechAudio.lines(LINES));

        assertThat(first.finalTexts()).containsExactlyElementsOf(LINES);
        assertThat(second.finalTexts()).containsExactlyElementsOf(LINES);
        assertThat(server.streams()).extracting(s -> s.config().getConfig().getModel())
                .containsExactly("telephony", "phone_call", "phone_call");
        assertThat(server.streams().get(1).config().getConfig().getUseEnhanced()).isTrue();
        assertThat(first.failures()).isEmpty();
    }

    @Test
    void anOutageBeyondTheRetriesFailsTheTrackOnce() {
        server.failOpens(1_000, Status.Code.UNAVAILABLE);
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings()
                .backoff(new GoogleSpeechSettings.Backoff(Duration.ofMillis(2), Duration.ofMillis(10), 2.0, 3)).build());
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(newCallSid(), Speaker.CALLEE), recorder);

        // a live call keeps sending audio while we retry
        for (int i = 0; i < 200 && recorder.failures().isEmpty(); i++) {
            pushFrames(stream, FakeSpeechAudio.silence(Duration.ofMillis(100)));
            sleep(5);
        }
        stream.close();
        recorder.awaitClosed(TIMEOUT);

        assertThat(recorder.failures()).singleElement().satisfies(f -> {
            assertThat(f.permanent()).isTrue();
            assertThat(f.reason()).contains("after 3 attempts").contains("UNAVAILABLE");
        });
        assertThat(server.streams()).hasSize(4);
        assertThat(transcriber.metrics().failures()).isEqualTo(1);
        assertThat(transcriber.metrics().vendorStreams()).isZero();
    }

    @Test
    void theCircuitBreakerFailsNewTracksAtOnceDuringAnOutageThenLetsThemThrough() {
        MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
        server.failOpens(1_000, Status.Code.UNAVAILABLE);
        transcriber = new GoogleSpeechTranscriber(SpeechTestKit.fastSettings()
                .circuitBreaker(new GoogleSpeechSettings.CircuitBreaker(3, Duration.ofSeconds(30))).build(),
                null, clock, new InProcessTransport(server));

        Recorder first = call(FakeSpeechAudio.lines(LINES));
        assertThat(first.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains("circuit open"));
        assertThat(server.streams()).hasSize(3);
        assertThat(transcriber.metrics().circuitOpen()).isTrue();

        Recorder duringOutage = call(FakeSpeechAudio.lines(LINES));
        assertThat(duringOutage.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains("circuit open"));
        assertThat(server.streams()).as("no stream even tried while open").hasSize(3);

        server.failOpens(0, Status.Code.UNAVAILABLE);
        clock.advance(Duration.ofSeconds(31));
        Recorder afterwards = call(FakeSpeechAudio.lines(LINES));
        assertThat(afterwards.failures()).isEmpty();
        assertThat(afterwards.finalTexts()).containsExactlyElementsOf(LINES);
        assertThat(transcriber.metrics().circuitOpen()).isFalse();
        assertThat(transcriber.metrics().failures()).isEqualTo(2);
    }

    @Test
    void aServiceThatNeverAnswersCannotHoldCloseBeyondItsTimeout() {
        server.silent(true);
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings().closeTimeout(Duration.ofMillis(300)).build());
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(newCallSid(), Speaker.CALLER), recorder);
        pushFrames(stream, FakeSpeechAudio.lines(LINES));

        long start = System.nanoTime();
        stream.close();
        recorder.awaitClosed(TIMEOUT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
        server.awaitNoActiveStreams(TIMEOUT);
        SpeechTestKit.awaitTrue(() -> transcriber.metrics().vendorStreams() == 0, TIMEOUT, "cancelled stream to end");
        assertThat(server.streams()).singleElement().extracting(StreamRecord::outcome).isEqualTo("CANCELLED");
        assertThat(recorder.failures()).isEmpty();
        assertThat(transcriber.metrics().openStreams()).isZero();
    }

    @Test
    void theListenerHearsNothingAfterOnClosed() {
        server.failMidStream(Duration.ofMillis(500), Status.Code.INTERNAL);
        transcriber = SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings().build());
        Recorder recorder = call(FakeSpeechAudio.lines(LINES));
        sleep(200);
        assertThat(recorder.violations()).isEmpty();
        assertThat(recorder.lastEventWasClose()).isTrue();
        assertThat(recorder.finalTexts()).containsExactlyElementsOf(LINES);
    }

    private Recorder call(byte[] audio) {
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(newCallSid(), Speaker.CALLER), recorder);
        SpeechTestKit.pushPaced(transcriber, stream, audio, 200, 1_600);
        stream.close();
        recorder.awaitClosed(TIMEOUT);
        return recorder;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
