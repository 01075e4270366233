package com.ethiq.app.calls.media;

import com.ethiq.core.domain.Speaker;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The one place where a call's audio is batched: Twilio's 20 ms frames of each track are gathered into chunks of
 * {@code batchFrames} frames (5 = 100 ms, the request size Google advises) before they go to the call session and on
 * to the recogniser, which sends each chunk as it comes. A delivered array is never written again (the recogniser may
 * keep it). Used by one thread at a time (the socket's reader, then whoever ends the stream); not thread-safe.
 */
final class AudioBatches {
    private final int batchFrames;
    private final BiConsumer<Speaker, byte[]> deliver;
    private final Track caller;
    private final Track callee;

    AudioBatches(int batchFrames, int frameBytes, BiConsumer<Speaker, byte[]> deliver) {
        if (batchFrames < 1 || frameBytes < 1) {
            throw new IllegalArgumentException("'batchFrames' and 'frameBytes' must be >= 1");
        }
        this.batchFrames = batchFrames;
        this.deliver = deliver;
        this.caller = new Track(Speaker.CALLER, batchFrames * frameBytes);
        this.callee = new Track(Speaker.CALLEE, batchFrames * frameBytes);
    }

    /** Copies one frame, {@code audio[offset, offset + length)}; delivers the track's chunk when it is full. */
    void add(Speaker speaker, byte[] audio, int offset, int length) {
        Track track = speaker == Speaker.CALLER ? caller : callee;
        if (track.length + length > track.data.length) {
            flush(track);
        }
        if (length > track.data.length) {
            deliver.accept(track.speaker, Arrays.copyOfRange(audio, offset, offset + length)); // an odd, huge frame
            return;
        }
        System.arraycopy(audio, offset, track.data, track.length, length);
        track.length += length;
        if (++track.frames >= batchFrames) {
            flush(track);
        }
    }

    /** Delivers what both tracks hold (the stream is ending). */
    void flush() {
        flush(caller);
        flush(callee);
    }

    private void flush(Track track) {
        if (track.length == 0) {
            return;
        }
        byte[] out;
        if (track.length == track.data.length) {
            out = track.data;
            track.data = new byte[track.data.length]; // the recogniser may keep the array: never reuse it
        } else {
            out = Arrays.copyOf(track.data, track.length);
        }
        track.length = 0;
        track.frames = 0;
        deliver.accept(track.speaker, out);
    }

    /** Audio of one track waiting for its chunk to fill. */
    private static final class Track {
        final Speaker speaker;
        byte[] data;
        int length;
        int frames;

        Track(Speaker speaker, int capacity) {
            this.speaker = speaker;
            this.data = new byte[capacity];
        }
    }
}
