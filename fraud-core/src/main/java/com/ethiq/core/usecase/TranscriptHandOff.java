package com.ethiq.core.usecase;

import com.ethiq.core.concurrent.InlineMailbox;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.SpeechTranscriber;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Hands each stream's recognition results to its session in order, one at a time, on the thread that delivers them,
 * and never inside the push that produced them. A recogniser may call its listener from {@code push} (the simulated
 * one does, on the media socket's selector thread): those results wait in the stream's {@link InlineMailbox} until
 * the push returns, then are judged there, on the same thread, never nested inside the recogniser's push (the speech
 * gate that called it is still on the stack: judging touches it only through {@code SpeechGate.utteranceFinalised}, a
 * volatile write meant for any thread). A recogniser that calls back on its own threads (gRPC's) has its results
 * judged there; while one thread judges a stream's results, another's for that stream queue behind them.
 *
 * <p>Why not a pool: judging is short (~13 µs a partial, ~35 µs a final) and everything slow behind it is already
 * asynchronous (store writes behind, AI requests on their executor, a scam's raise on the call path's raise executor,
 * see {@link CallSession}); the hop to a transcript pool cost a futex wake and two context switches per segment
 * (docs/performance.md, "Thread hand-offs cut"). Thread-safe.
 */
final class TranscriptHandOff implements SpeechTranscriber {
    private final SpeechTranscriber delegate;

    TranscriptHandOff(SpeechTranscriber delegate) {
        this.delegate = Objects.requireNonNull(delegate, "'delegate' must not be null");
    }

    @Override
    public TranscriptionStream open(TranscriptionRequest request, TranscriptListener listener) {
        InlineMailbox mailbox = new InlineMailbox("transcript listener");
        TranscriptionStream stream = delegate.open(request, new Serialized(listener, mailbox));
        return new Held(stream, mailbox);
    }

    /** The stream's push and close, with the results they deliver judged once they return. */
    private static final class Held implements TranscriptionStream {
        private final TranscriptionStream stream;
        private final InlineMailbox mailbox;
        /** Made once: a push allocates nothing to be held (no lambda capturing its audio). */
        private final Consumer<byte[]> push;

        Held(TranscriptionStream stream, InlineMailbox mailbox) {
            this.stream = stream;
            this.mailbox = mailbox;
            this.push = stream::push;
        }

        @Override
        public void push(byte[] mulaw) {
            mailbox.hold(push, mulaw);
        }

        @Override
        public void close() {
            mailbox.hold(stream::close);
        }
    }

    /** One stream's callbacks, one after the other, in order. */
    private record Serialized(TranscriptListener target, InlineMailbox serial) implements TranscriptListener {
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
