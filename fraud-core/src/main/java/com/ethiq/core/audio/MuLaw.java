package com.ethiq.core.audio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** G.711 mu-law (what Twilio streams at 8 kHz, one byte per sample): 16-bit linear to mu-law and back. Stateless. */
public final class MuLaw {
    /** Eight samples at a time, byte k of the long being sample k. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Bit 7 of every byte of a long: the signs of eight samples. */
    private static final long SIGN_BITS = 0x8080_8080_8080_8080L;
    /** Linear value of every mu-law byte, indexed by {@code b & 0xFF}. */
    private static final short[] LINEAR = new short[256];
    /** Squared linear value of every mu-law byte: the energy sum of a chunk is one lookup and one add per sample. */
    private static final int[] SQUARE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int u = ~i & 0xFF;
            int sign = u & 0x80;
            int exponent = (u >> 4) & 0x07;
            int mantissa = u & 0x0F;
            int magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
            LINEAR[i] = (short) (sign != 0 ? -magnitude : magnitude);
            SQUARE[i] = magnitude * magnitude;
        }
    }

    private MuLaw() {
    }

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    public static byte encode(short pcm) {
        int sample = pcm;
        int sign = (sample >> 8) & 0x80;
        if (sign != 0) {
            sample = -sample;
        }
        if (sample > CLIP) {
            sample = CLIP;
        }
        sample += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    public static short decode(byte mulaw) {
        return LINEAR[mulaw & 0xFF];
    }

    /** Sum of squared linear samples of {@code audio[from, from + length)} (a second is at most 8 000 x 32 124²). */
    public static long energy(byte[] audio, int from, int length) {
        long sum = 0;
        for (int i = from, end = from + length; i < end; i++) {
            sum += SQUARE[audio[i] & 0xFF];
        }
        return sum;
    }

    /**
     * Sign changes between consecutive samples of {@code audio[from, from + length)}: the zero-crossing count. The sign
     * is bit 7 of a mu-law byte, so nothing is decoded; eight pairs are compared at a time (a long read at sample i
     * against one read at i + 1), which keeps this about as cheap as {@link #energy}.
     */
    public static int signChanges(byte[] audio, int from, int length) {
        int changes = 0;
        int i = from;
        int end = from + length;
        for (; i + 9 <= end; i += 8) {
            long pairs = (long) LONGS.get(audio, i) ^ (long) LONGS.get(audio, i + 1);
            changes += Long.bitCount(pairs & SIGN_BITS);
        }
        for (; i + 1 < end; i++) {
            changes += (audio[i] ^ audio[i + 1]) >>> 31; // bytes widen with their sign: negative when the signs differ
        }
        return changes;
    }
}
