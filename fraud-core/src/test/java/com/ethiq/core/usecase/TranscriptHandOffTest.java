package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.SpeechTranscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Recognition results reach their session in order per stream, on the delivering thread, never nested in a push. */
class TranscriptHandOffTest {

    /** A recogniser that calls its listener from push, as the simulated one does. */
    private static final class Echo implements SpeechTranscriber {
        TranscriptListener listener;
        /** Whether the recogniser's push is on the stack (a listener judging now would be nested in it). */
        volatile boolean inPush;

        @Override
        public TranscriptionStream open(TranscriptionRequest request, TranscriptListener l) {
            this.listener = l;
            return new TranscriptionStream() {
                int n;

                @Override
                public void push(byte[] mulaw) {
                    inPush = true;
                    l.onSegment(TranscriptSegment.finalText(request.speaker(), n++, "segment " + n));
                    inPush = false;
                }

                @Override
                public void close() {
                    l.onBilled(Duration.ofSeconds(1));
                    l.onClosed();
                }
            };
        }
    }

    private static class Seen implements SpeechTranscriber.TranscriptListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        private void add(String e) {
            events.add(e);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void onSegment(TranscriptSegment segment) {
            add(segment.text());
        }

        @Override
        public void onBilled(Duration billed) {
            add("billed " + billed.toSeconds());
        }

        @Override
        public void onFailure(SpeechTranscriber.TranscriptionFailure failure) {
            add("failed " + failure.reason());
        }

        @Override
        public void onClosed() {
            add("closed");
        }
    }

    private static SpeechTranscriber.TranscriptionRequest request() {
        return new SpeechTranscriber.TranscriptionRequest(TenantId.random(), CallSid.of("CA1"), Speaker.CALLER, Language.FRENCH, List.of());
    }

    @Test
    void resultsDeliveredInsidePushAreJudgedAfterItReturnsOnThePushingThreadInOrder() {
        Echo echo = new Echo();
        Seen seen = new Seen() {
            @Override
            public void onSegment(TranscriptSegment segment) {
                super.onSegment(segment);
                if (echo.inPush) {
                    events.add("nested inside push");
                }
            }
        };
        SpeechTranscriber.TranscriptionStream stream = new TranscriptHandOff(echo).open(request(), seen);

        stream.push(new byte[160]);
        assertThat(seen.events).as("judged as soon as the push returned").containsExactly("segment 1");
        stream.push(new byte[160]);
        echo.listener.onFailure(new SpeechTranscriber.TranscriptionFailure("quota", false));
        stream.close();

        assertThat(seen.events).containsExactly("segment 1", "segment 2", "failed quota", "billed 1", "closed");
        assertThat(seen.threads).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void aFailingListenerDoesNotStopTheStreamsNextCallbacks() {
        Echo echo = new Echo();
        List<String> seen = new ArrayList<>();
        SpeechTranscriber.TranscriptListener flaky = new Seen() {
            @Override
            public void onSegment(TranscriptSegment segment) {
                if (segment.utteranceIndex() == 0) {
                    throw new IllegalStateException("listener bug");
                }
                seen.add(segment.text());
            }
        };
        SpeechTranscriber.TranscriptionStream stream = new TranscriptHandOff(echo).open(request(), flaky);
        stream.push(new byte[160]);
        stream.push(new byte[160]);
        assertThat(seen).containsExactly("segment 2");
    }

    @Test
    void resultsFromTheRecognisersOwnThreadAreJudgedThereInOrder() throws Exception {
        Echo echo = new Echo();
        Seen seen = new Seen();
        new TranscriptHandOff(echo).open(request(), seen);
        Thread grpc = new Thread(() -> {
            for (int i = 0; i < 3; i++) {
                echo.listener.onSegment(TranscriptSegment.partialText(Speaker.CALLER, 0, "partial " + i));
            }
            echo.listener.onSegment(TranscriptSegment.finalText(Speaker.CALLER, 0, "final"));
        }, "grpc-callback");
        grpc.start();
        grpc.join(5_000);

        assertThat(seen.events).containsExactly("partial 0", "partial 1", "partial 2", "final");
        assertThat(seen.threads).containsOnly("grpc-callback");
    }
}
