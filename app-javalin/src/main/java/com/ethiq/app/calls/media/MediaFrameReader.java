package com.ethiq.app.calls.media;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.eclipse.jetty.websocket.core.exception.ProtocolException;

/**
 * Reads the RFC 6455 frames a client sends on a media socket, in place, from the bytes of a heap buffer: each whole
 * frame is checked, unmasked where it lies (8 bytes at a time) and handed to its {@link Frames} as an array slice. No
 * object is made and no lock taken per frame.
 *
 * <p>Why hand-written, against the house rule of the well-kept library: a media socket carries 100 frames a second per
 * call, and Jetty's general reader (its {@code Parser}, a {@code Frame} and a buffer slice per frame, the session's
 * demand and state locks) was 31 % of the frame thread's samples (docs/performance.md). This class does the framing of
 * that one socket only; Jetty keeps the handshake, the session (close handshake, pongs, timeouts, every write) and every
 * other socket, and stays selectable ({@code ETHIQ_MEDIA_FRAME_READER=jetty}).
 *
 * <p>Refusals are Jetty's, with Jetty's close codes: a frame whose length needs more than 63 bits or exceeds the frame
 * limit {@link MessageTooLargeException} (1009), as soon as its header is read and before anything is buffered for
 * it; a control frame above 125 bytes or fragmented, a reserved opcode, a reserved bit, an unmasked frame, a
 * continuation with no message open or a new message inside a fragmented one {@link ProtocolException} (1002). The
 * caller fails the connection with them. Used by the socket's reader only; not thread-safe.
 */
final class MediaFrameReader {
    /** Where the frames go. Payloads are valid during the call only. */
    interface Frames {
        /**
         * A text, binary or continuation frame, unmasked.
         *
         * @return whether to read on (false: stop after this frame)
         */
        boolean onData(byte opcode, boolean fin, byte[] bytes, int from, int to);

        /**
         * A close, ping or pong frame, unmasked.
         *
         * @return whether to read on (false: stop after this frame)
         */
        boolean onControl(byte opcode, byte[] bytes, int from, int to);
    }

    /** Header bytes at most: 2, 8 of extended length, 4 of mask. */
    static final int MAX_HEADER_BYTES = 14;
    static final int MAX_CONTROL_PAYLOAD = 125;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BIG_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final int maxFrameBytes;
    /** A data message begun with a non-final frame is open: only continuations may follow. */
    private boolean fragmented;
    private boolean stopped;
    private int needed;

    /** @param maxFrameBytes largest payload accepted in one frame */
    MediaFrameReader(int maxFrameBytes) {
        if (maxFrameBytes < 1 || maxFrameBytes > Integer.MAX_VALUE - MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("'maxFrameBytes' out of range: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Reads every whole frame of {@code bytes[from, to)}, unmasking each in place, until the bytes end or a frame's
     * handler says stop.
     *
     * @return where the first byte not read is: the start of a frame not yet whole (or of the frame after a stop)
     * @throws ProtocolException          on a frame RFC 6455 forbids a client (1002)
     * @throws MessageTooLargeException   on a frame above the limit (1009)
     */
    int read(byte[] bytes, int from, int to, Frames frames) {
        stopped = false;
        needed = 0;
        int p = from;
        while (to - p >= 2) {
            int b0 = bytes[p];
            int b1 = bytes[p + 1];
            int header;
            long length = b1 & 0x7F;
            if (length == 126) {
                if (to - p < 4) {
                    break;
                }
                header = 4;
                length = ((bytes[p + 2] & 0xFF) << 8) | (bytes[p + 3] & 0xFF);
            } else if (length == 127) {
                if (to - p < 10) {
                    break;
                }
                header = 10;
                length = (long) BIG_LONGS.get(bytes, p + 2);
            } else {
                header = 2;
            }
            byte opcode = (byte) (b0 & 0x0F);
            boolean fin = b0 < 0;
            check(b0, b1, opcode, fin, length);
            int maskAt = p + header;
            int payload = maskAt + 4;
            long end = payload + length;
            if (end > to) {
                needed = (int) (end - p);
                break;
            }
            int mask = (int) INTS.get(bytes, maskAt);
            unmask(bytes, payload, (int) end, mask);
            boolean more;
            if (opcode >= OpCode.CLOSE) {
                more = frames.onControl(opcode, bytes, payload, (int) end);
            } else {
                fragmented = !fin;
                more = frames.onData(opcode, fin, bytes, payload, (int) end);
            }
            p = (int) end;
            if (!more) {
                stopped = true;
                break;
            }
        }
        return p;
    }

    /** Whether the last {@link #read} ended because a handler said stop. */
    boolean stopped() {
        return stopped;
    }

    /**
     * Bytes the frame at the position {@link #read} returned needs in all, header included, when its header is whole
     * (0 otherwise, or when the bytes ended on a frame boundary): a buffer smaller than this must grow to read it.
     */
    int needed() {
        return needed;
    }

    /** Whether a fragmented data message is open. */
    boolean fragmented() {
        return fragmented;
    }

    /** In Jetty's order: the length (its parser) first, then the frame's form, then the message sequence. */
    private void check(int b0, int b1, byte opcode, boolean fin, long length) {
        boolean control = (opcode & 0x08) != 0;
        if (length < 0 || length > Integer.MAX_VALUE) {
            throw new MessageTooLargeException("Frame payload exceeded integer max value");
        }
        if (control) {
            if (length > MAX_CONTROL_PAYLOAD) {
                throw new ProtocolException("Invalid control frame payload length, [" + length + "] cannot exceed ["
                        + MAX_CONTROL_PAYLOAD + "]");
            }
        } else if (length > maxFrameBytes) {
            throw new MessageTooLargeException("Cannot handle payload lengths larger than " + maxFrameBytes);
        }
        if (!OpCode.isKnown(opcode)) {
            throw new ProtocolException("Unknown opcode: " + opcode);
        }
        if (control && !fin) {
            throw new ProtocolException("Fragmented Control Frame [" + OpCode.name(opcode) + "]");
        }
        if ((b0 & 0x70) != 0) {
            throw new ProtocolException("RSV bits not allowed to be set");
        }
        if (b1 >= 0) {
            throw new ProtocolException("Client MUST mask all frames (RFC-6455: Section 5.1)");
        }
        if (!control) {
            if (opcode == OpCode.CONTINUATION && !fragmented) {
                throw new ProtocolException("CONTINUATION after fin==true");
            }
            if (opcode != OpCode.CONTINUATION && fragmented) {
                throw new ProtocolException("DataFrame before fin==true");
            }
        }
    }

    /**
     * XORs {@code bytes[from, to)} with the 4-byte mask (as read little-endian from the frame), 8 bytes at a time.
     */
    static void unmask(byte[] bytes, int from, int to, int mask) {
        long wide = (mask & 0xFFFF_FFFFL) | ((long) mask << 32);
        int i = from;
        for (int last = to - 8; i <= last; i += 8) {
            LONGS.set(bytes, i, (long) LONGS.get(bytes, i) ^ wide);
        }
        for (; i < to; i++) {
            bytes[i] ^= (byte) (mask >>> (((i - from) & 3) << 3));
        }
    }
}
