package com.ethiq.app.calls.media;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * A media socket's data frames as messages: a whole text frame as it is (in place), a fragmented text message
 * reassembled within the size limit ({@link TextFragments}), a binary frame reported once (its continuations
 * skipped). Frames come as array slices from the lean reader, or as Jetty's payload buffers from Jetty's. Used by the
 * socket's reader only; not thread-safe.
 */
final class DataFrames {
    /** What the messages are handed to. */
    interface Messages {
        /** A whole text message, valid during the call only; returns whether to read on. */
        boolean onText(byte[] bytes, int from, int to);

        void onBinary();

        void onTooLarge();

        void onStrayContinuation();
    }

    private final Messages messages;
    private final TextFragments fragments;
    private final int maxMessageBytes;
    private byte[] copy = new byte[1024];

    DataFrames(int maxMessageBytes, Messages messages) {
        this.maxMessageBytes = maxMessageBytes;
        this.messages = messages;
        this.fragments = new TextFragments(maxMessageBytes);
    }

    /** A data frame in a Jetty payload buffer: read in place if on heap, else copied once. */
    boolean onFrame(byte opcode, boolean fin, ByteBuffer payload) {
        int n = payload == null ? 0 : payload.remaining();
        if (n > 0 && payload.hasArray()) {
            int from = payload.arrayOffset() + payload.position();
            return onFrame(opcode, fin, payload.array(), from, from + n);
        }
        if (copy.length < n) {
            copy = new byte[Math.max(n, Math.min(maxMessageBytes, copy.length * 2))];
        }
        if (n > 0) {
            payload.get(payload.position(), copy, 0, n); // one bulk copy beats per-byte reads of a direct buffer
        }
        return onFrame(opcode, fin, copy, 0, n);
    }

    /** A data frame's payload {@code bytes[from, to)}; returns whether to read on. */
    boolean onFrame(byte opcode, boolean fin, byte[] bytes, int from, int to) {
        switch (opcode) {
            case OpCode.TEXT -> {
                return fin ? messages.onText(bytes, from, to) : step(fragments.begin(bytes, from, to));
            }
            case OpCode.CONTINUATION -> {
                return step(fragments.continuation(bytes, from, to, fin));
            }
            case OpCode.BINARY -> {
                if (!fin) {
                    fragments.skipBinary();
                }
                messages.onBinary();
                return true;
            }
            default -> {
                return true; // not a data frame
            }
        }
    }

    private boolean step(TextFragments.Step step) {
        switch (step) {
            case COMPLETE -> {
                return messages.onText(fragments.bytes(), 0, fragments.length());
            }
            case TOO_LARGE -> messages.onTooLarge();
            case STRAY -> messages.onStrayContinuation();
            default -> {
                // MORE: wait for the next fragment
            }
        }
        return true;
    }
}
