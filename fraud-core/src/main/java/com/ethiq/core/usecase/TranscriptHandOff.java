package com.ethiq.core.usecase;

import com.ethiq.core.concurrent.SerialExecutor;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.SpeechTranscriber;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Makes sure recognition results are never handled on the thread that pushed the audio. A recogniser may call its
 * listener from {@code push} (the simulated one does); the listener then judges the segment, writes the call log and
 * may record alerts, all blocking work that must not run on the media socket's selector thread. Each stream's
 * callbacks are queued in order onto the core's transcript pool (one hop per transcript segment, not per audio
 * frame); during shutdown, when the pool refuses work, they run on the caller so a final result is not lost.
 * Thread-safe.
 */
final class TranscriptHandOff implements SpeechTranscriber {
    private final SpeechTranscriber delegate;
    private final Executor pool;

    TranscriptHandOff(SpeechTranscriber delegate, Executor pool) {
        this.delegate = Objects.requireNonNull(delegate, "'delegate' must not be null");
        this.pool = Objects.requireNonNull(pool, "'pool' must not be null");
    }

    @Override
    public TranscriptionStream open(TranscriptionRequest request, TranscriptListener listener) {
        return delegate.open(request, new Serialized(listener,
                new SerialExecutor(pool, "transcript listener", SerialExecutor.WhenRejected.RUN_ON_CALLER)));
    }

    /** One stream's callbacks, one after the other, in order. */
    private record Serialized(TranscriptListener target, Executor serial) implements TranscriptListener {
        @Override
        public void onSegment(TranscriptSegment segment) {
            serial.execute(() -> target.onSegment(segment));
        }

        @Override
        public void onBilled(Duration billed) {
            serial.execute(() -> target.onBilled(billed));
        }

        @Override
        public void onFailure(TranscriptionFailure failure) {
            serial.execute(() -> target.onFailure(failure));
        }

        @Override
        public void onClosed() {
            serial.execute(target::onClosed);
        }
    }
}
