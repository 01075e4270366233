package com.ethiq.app;

import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.SpeechTranscriber;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure recognition results are never handled on the thread that pushed the audio. A recogniser may call its
 * listener from {@code push} (the simulated one does); the listener then judges the segment, writes the call log and
 * may record alerts, all blocking work that must not run on the media socket's selector thread. Each stream's
 * callbacks are queued in order onto a shared pool (one hop per transcript segment, not per audio frame).
 * Thread-safe.
 */
final class OffloadedTranscriber implements SpeechTranscriber {
    private static final Logger log = LoggerFactory.getLogger(OffloadedTranscriber.class);

    private final SpeechTranscriber delegate;
    private final Executor executor;

    OffloadedTranscriber(SpeechTranscriber delegate, Executor executor) {
        this.delegate = Objects.requireNonNull(delegate, "'delegate' must not be null");
        this.executor = Objects.requireNonNull(executor, "'executor' must not be null");
    }

    @Override
    public TranscriptionStream open(TranscriptionRequest request, TranscriptListener listener) {
        return delegate.open(request, new Serialized(listener));
    }

    /** Runs one stream's callbacks one after the other, in order, on the pool. */
    private final class Serialized implements TranscriptListener, Runnable {
        private final TranscriptListener target;
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        private boolean scheduled;

        Serialized(TranscriptListener target) {
            this.target = target;
        }

        private void enqueue(Runnable callback) {
            synchronized (queue) {
                queue.add(callback);
                if (scheduled) {
                    return;
                }
                scheduled = true;
            }
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                run(); // shutting down: deliver here rather than lose a final result
            }
        }

        @Override
        public void run() {
            while (true) {
                Runnable next;
                synchronized (queue) {
                    next = queue.poll();
                    if (next == null) {
                        scheduled = false;
                        return;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException e) {
                    log.warn("transcript listener failed: {}", e.getClass().getName());
                }
            }
        }

        @Override
        public void onSegment(TranscriptSegment segment) {
            enqueue(() -> target.onSegment(segment));
        }

        @Override
        public void onBilled(Duration billed) {
            enqueue(() -> target.onBilled(billed));
        }

        @Override
        public void onFailure(TranscriptionFailure failure) {
            enqueue(() -> target.onFailure(failure));
        }

        @Override
        public void onClosed() {
            enqueue(target::onClosed);
        }
    }
}
