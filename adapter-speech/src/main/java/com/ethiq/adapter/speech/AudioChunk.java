package com.ethiq.adapter.speech;

/**
 * A piece of one track's audio: {@code length} bytes of mu-law from {@code data[offset]}, whose first byte is byte
 * {@code trackPos} of everything pushed on the track (so results map back to call time even after drops). Immutable
 * by convention: the array is never written after the chunk is made.
 */
record AudioChunk(byte[] data, int offset, int length, long trackPos) {
    AudioChunk {
        if (offset < 0 || length <= 0 || offset + length > data.length) {
            throw new IllegalArgumentException("'length' must be > 0 and within the array, got " + offset + "+" + length);
        }
    }

    /** The same audio without its first {@code skip} bytes. */
    AudioChunk skip(int skip) {
        return new AudioChunk(data, offset + skip, length - skip, trackPos + skip);
    }
}
