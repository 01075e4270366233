package com.ethiq.adapter.speech;

/**
 * A snapshot of {@link GoogleSpeechTranscriber}'s counters (cumulative since start unless said otherwise), for a
 * metrics endpoint or a test. Immutable.
 *
 * @param openStreams         tracks opened and not yet closed (now)
 * @param vendorStreams       gRPC streams to Google currently alive, retiring ones included (now)
 * @param queuedAudioBytes    audio accepted by push() and not yet sent (now)
 * @param restarts            streams replaced on purpose or after OUT_OF_RANGE (time limit, silence)
 * @param retries             streams reopened after a transient error (UNAVAILABLE, ...)
 * @param droppedAudioBytes   audio dropped because the queue was full (oldest first) or could not be sent at close
 * @param failures            tracks given up (listener.onFailure): bad credentials or configuration, or speech down
 * @param billedMillis        billed time reported by Google, all streams
 * @param circuitOpen         the breaker currently refuses new streams (now)
 */
public record SpeechMetrics(int openStreams, int vendorStreams, long queuedAudioBytes, long restarts, long retries,
                            long droppedAudioBytes, long failures, long billedMillis, boolean circuitOpen) {
}
