package com.ethiq.app.calls.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RFC 6455 frames as a client writes them, legal or not, for the media socket's framing tests and benches: masked or
 * not, with the length their payload has or any other, in the encoding asked for (a legal 64-bit encoding of a small
 * length, a 16-bit one above the limit, a 64-bit one with its top bit set).
 */
public final class ClientFrames {
    /** The mask of {@link #frame(int, byte[])}. */
    public static final byte[] MASK = {0x37, (byte) 0xFA, 0x21, 0x3D};

    /** How the payload length is written. */
    public enum Length {
        /** The shortest encoding that holds it (a negative length: 64 bits). */
        SHORTEST,
        /** In the second byte (only below 126). */
        BITS_7,
        /** 126 then two bytes. */
        BITS_16,
        /** 127 then eight bytes. */
        BITS_64
    }

    private ClientFrames() {
    }

    /** A frame masked with {@link #MASK}, with its true length. */
    public static byte[] frame(int firstByte, byte[] payload) {
        return frame(firstByte, payload, MASK);
    }

    /** A frame masked with {@code mask}, with its true length. */
    public static byte[] frame(int firstByte, byte[] payload, byte[] mask) {
        return frame(firstByte, payload, mask, payload.length, Length.SHORTEST);
    }

    /** A text frame masked with {@link #MASK}. */
    public static byte[] text(String text) {
        return frame(0x81, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Any frame: {@code declaredLength} written as {@code length} says, then {@code mask} (null: unmasked, no mask bit),
     * then {@code payload} as is, whatever length was declared.
     */
    public static byte[] frame(int firstByte, byte[] payload, byte[] mask, long declaredLength, Length length) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(firstByte);
        int maskBit = mask != null ? 0x80 : 0;
        Length encoding = length != Length.SHORTEST ? length
                : declaredLength >= 0 && declaredLength < 126 ? Length.BITS_7
                : declaredLength >= 0 && declaredLength <= 0xFFFF ? Length.BITS_16 : Length.BITS_64;
        switch (encoding) {
            case BITS_7 -> b.write(maskBit | (int) declaredLength);
            case BITS_16 -> {
                b.write(maskBit | 126);
                b.write((int) (declaredLength >>> 8) & 0xFF);
                b.write((int) declaredLength & 0xFF);
            }
            default -> {
                b.write(maskBit | 127);
                for (int i = 7; i >= 0; i--) {
                    b.write((int) (declaredLength >>> (8 * i)) & 0xFF);
                }
            }
        }
        if (mask != null) {
            b.writeBytes(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            b.write(mask != null ? payload[i] ^ mask[i % 4] : payload[i]);
        }
        return b.toByteArray();
    }

    /** The frames one after the other, as one write. */
    public static byte[] concat(byte[]... frames) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            b.writeBytes(f);
        }
        return b.toByteArray();
    }
}
