package com.ethiq.app.calls.media;

import java.util.Arrays;

/**
 * Reassembles a text message sent in fragments (rare: Twilio sends whole frames), within the message size limit, and
 * skips the continuations of a fragmented binary message. Used by the socket's reader only; not thread-safe.
 */
final class TextFragments {
    /** What a frame did to the message being reassembled. */
    enum Step {
        /** More fragments to come (or a skipped fragment). */
        MORE,
        /** The message is whole: read {@link #bytes()} up to {@link #length()}. */
        COMPLETE,
        /** The message is above the limit: it is dropped. */
        TOO_LARGE,
        /** A continuation with no fragmented message open. */
        STRAY
    }

    private final int maxBytes;
    private byte[] buffer;
    private int length;
    private boolean open;
    private boolean droppingBinary;

    TextFragments(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The first fragment of a text message. */
    Step begin(byte[] bytes, int from, int to) {
        open = true;
        droppingBinary = false;
        length = 0;
        if (buffer == null) {
            buffer = new byte[Math.min(maxBytes, 4096)];
        }
        return append(bytes, from, to);
    }

    /** The first fragment of a binary message: its continuations are skipped. */
    void skipBinary() {
        droppingBinary = true;
    }

    Step continuation(byte[] bytes, int from, int to, boolean fin) {
        if (droppingBinary) {
            droppingBinary = !fin;
            return Step.MORE;
        }
        if (!open) {
            return Step.STRAY;
        }
        Step step = append(bytes, from, to);
        if (step == Step.MORE && fin) {
            open = false;
            return Step.COMPLETE;
        }
        return step;
    }

    byte[] bytes() {
        return buffer;
    }

    int length() {
        return length;
    }

    private Step append(byte[] bytes, int from, int to) {
        int n = to - from;
        if (length + n > maxBytes) {
            open = false;
            return Step.TOO_LARGE;
        }
        if (length + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxBytes, Math.max(buffer.length * 2, length + n)));
        }
        System.arraycopy(bytes, from, buffer, length, n);
        length += n;
        return Step.MORE;
    }
}
