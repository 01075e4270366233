package com.ethiq.core.port;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Outgoing port: streaming speech recognition, one stream per call track. Implementations keep a stream alive
 * for the whole call (restarting under the hood before vendor limits), never block {@link TranscriptionStream#push},
 * and report through the listener. Thread-safe: streams of many calls run at once.
 */
public interface SpeechTranscriber {

    TranscriptionStream open(TranscriptionRequest request, TranscriptListener listener);

    /** What to transcribe: whose track, in which language, with which phrases to boost. */
    record TranscriptionRequest(TenantId tenant, CallSid callSid, Speaker speaker, Language language, List<String> phraseHints) {
        public TranscriptionRequest {
            Objects.requireNonNull(tenant, "'tenant' must not be null");
            Objects.requireNonNull(callSid, "'callSid' must not be null");
            Objects.requireNonNull(speaker, "'speaker' must not be null");
            Objects.requireNonNull(language, "'language' must not be null");
            phraseHints = List.copyOf(phraseHints);
        }
    }

    /** One open recognition stream. */
    interface TranscriptionStream extends AutoCloseable {
        /**
         * Appends 8 kHz mu-law audio (any length; the media edge pushes 100 ms chunks, the size a recogniser request
         * should have, so implementations need not batch again). The stream may keep the array: the caller hands it
         * over and never writes it again. Never blocks; may drop under overload (counted).
         */
        void push(byte[] mulaw);

        /** Ends the stream: pending results are delivered, then {@link TranscriptListener#onClosed}. Idempotent. */
        @Override
        void close();
    }

    /** Callbacks of one stream; called from the implementation's threads, one at a time per stream. */
    interface TranscriptListener {
        void onSegment(TranscriptSegment segment);

        /** Billed audio time reported by the vendor (may be called several times: once per underlying stream). */
        default void onBilled(Duration billed) {
        }

        /** The stream cannot continue (vendor down beyond retries, bad credentials): the track is unprotected from now on. */
        default void onFailure(TranscriptionFailure failure) {
        }

        default void onClosed() {
        }
    }

    record TranscriptionFailure(String reason, boolean permanent) {
    }

    /** A speech vendor failure. */
    class TranscriptionException extends VendorException {
        public TranscriptionException(String message, boolean permanent, String vendorCode, Throwable cause) {
            super("speech", message, permanent, vendorCode, cause);
        }
    }
}
