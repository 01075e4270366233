package com.ethiq.adapter.speech;

import com.ethiq.core.port.SpeechTranscriber.TranscriptionStream;
import java.util.Objects;

/**
 * The caller's handle on one track. push() runs on the media I/O thread, so it only queues the chunk (already
 * batched by the caller: 100 ms from the media edge) and wakes the track's serial executor. Thread-safe.
 */
final class TrackStream implements TranscriptionStream {
    private final TrackSession session;

    TrackStream(TrackSession session) {
        this.session = session;
    }

    @Override
    public void push(byte[] mulaw) {
        Objects.requireNonNull(mulaw, "'mulaw' must not be null");
        if (mulaw.length == 0 || !session.acceptsAudio()) {
            return; // closed, or failed: the track is unprotected and its audio goes nowhere
        }
        if (session.pending().offer(mulaw)) {
            session.audioReady();
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
