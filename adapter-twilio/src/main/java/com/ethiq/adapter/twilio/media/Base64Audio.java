package com.ethiq.adapter.twilio.media;

/**
 * Decodes standard base64 (RFC 4648 §4, padding optional) straight from a region of the received bytes into a caller's
 * array, so a media frame costs no intermediate String or byte[]. Accepts exactly what {@link java.util.Base64#getDecoder()}
 * accepts for unpadded or correctly padded input. Stateless, thread-safe.
 */
final class Base64Audio {
    private static final byte[] VALUE = new byte[256];

    static {
        java.util.Arrays.fill(VALUE, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUE[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Audio() {
    }

    /**
     * The number of bytes {@code [from, to)} decodes to, or -1 if it is not valid base64 (bad length or padding;
     * characters are checked by {@link #decode}).
     */
    static int decodedLength(byte[] src, int from, int to) {
        int len = to - from;
        if (len == 0) {
            return 0;
        }
        int pad = 0;
        if (src[to - 1] == '=') {
            pad++;
            if (len >= 2 && src[to - 2] == '=') {
                pad++;
            }
        }
        if (pad > 0 && len % 4 != 0) {
            return -1;
        }
        int data = len - pad;
        int rem = data % 4;
        if (rem == 1) {
            return -1;
        }
        return data / 4 * 3 + (rem == 0 ? 0 : rem - 1);
    }

    /** Decodes into {@code dst} at {@code offset}; returns the bytes written or -1 on any invalid character. */
    static int decode(byte[] src, int from, int to, byte[] dst, int offset) {
        int n = decodedLength(src, from, to);
        if (n < 0) {
            return -1;
        }
        int dataEnd = to;
        for (int pad = 0; pad < 2 && dataEnd > from && src[dataEnd - 1] == '='; pad++) {
            dataEnd--; // at most two pad characters; a third '=' is data, hence invalid
        }
        int out = offset;
        int i = from;
        int fullEnd = from + (dataEnd - from) / 4 * 4;
        while (i < fullEnd) {
            int a = VALUE[src[i] & 0xFF];
            int b = VALUE[src[i + 1] & 0xFF];
            int c = VALUE[src[i + 2] & 0xFF];
            int d = VALUE[src[i + 3] & 0xFF];
            if ((a | b | c | d) < 0) {
                return -1;
            }
            int bits = a << 18 | b << 12 | c << 6 | d;
            dst[out] = (byte) (bits >> 16);
            dst[out + 1] = (byte) (bits >> 8);
            dst[out + 2] = (byte) bits;
            out += 3;
            i += 4;
        }
        int rem = dataEnd - i;
        if (rem >= 2) {
            int a = VALUE[src[i] & 0xFF];
            int b = VALUE[src[i + 1] & 0xFF];
            if ((a | b) < 0) {
                return -1;
            }
            dst[out++] = (byte) (a << 2 | b >> 4);
            if (rem == 3) {
                int c = VALUE[src[i + 2] & 0xFF];
                if (c < 0) {
                    return -1;
                }
                dst[out++] = (byte) (b << 4 | c >> 2);
            }
        }
        return out - offset;
    }
}
