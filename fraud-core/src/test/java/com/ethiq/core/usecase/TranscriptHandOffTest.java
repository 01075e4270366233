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
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** Recognition results reach their session off the audio thread, in order per stream, and survive shutdown. */
class TranscriptHandOffTest {

    /** A recogniser that calls its listener from push, as the simulated one does. */
    private static final class Echo implements SpeechTranscriber {
        TranscriptListener listener;

        @Override
        public TranscriptionStream open(TranscriptionRequest request, TranscriptListener l) {
            this.listener = l;
            return new TranscriptionStream() {
                int n;

                @Override
                public void push(byte[] mulaw) {
                    l.onSegment(TranscriptSegment.finalText(request.speaker(), n++, "segment " + n));
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
    void callbacksWaitForThePoolAndRunThereInOrder() {
        List<Runnable> pool = new ArrayList<>();
        Echo echo = new Echo();
        Seen seen = new Seen();
        SpeechTranscriber.TranscriptionStream stream = new TranscriptHandOff(echo, pool::add).open(request(), seen);

        stream.push(new byte[160]);
        stream.push(new byte[160]);
        echo.listener.onFailure(new SpeechTranscriber.TranscriptionFailure("quota", false));
        stream.close();
        assertThat(seen.events).as("nothing on the pushing thread").isEmpty();
        assertThat(pool).as("one hand-off for the queued callbacks").hasSize(1);

        pool.remove(0).run();

        assertThat(seen.events).containsExactly("segment 1", "segment 2", "failed quota", "billed 1", "closed");
    }

    @Test
    void aFailingListenerDoesNotStopTheStreamsNextCallbacks() {
        List<Runnable> pool = new ArrayList<>();
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
        SpeechTranscriber.TranscriptionStream stream = new TranscriptHandOff(echo, pool::add).open(request(), flaky);
        stream.push(new byte[160]);
        stream.push(new byte[160]);
        pool.remove(0).run();
        assertThat(seen).containsExactly("segment 2");
    }

    @Test
    void duringShutdownTheLastResultsRunOnTheCaller() {
        Echo echo = new Echo();
        Seen seen = new Seen();
        SpeechTranscriber.TranscriptionStream stream = new TranscriptHandOff(echo, task -> {
            throw new RejectedExecutionException("shut down");
        }).open(request(), seen);

        stream.push(new byte[160]);
        stream.close();

        assertThat(seen.events).containsExactly("segment 1", "billed 1", "closed");
        assertThat(seen.threads).containsOnly(Thread.currentThread().getName());
    }
}
