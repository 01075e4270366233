package com.ethiq.adapter.twilio.media;

/**
 * Allocation-free reader (over a byte array: no bounds-checked buffer calls per byte) of the one message that arrives 100 times a second: Twilio's {@code media} event. It walks
 * the JSON bytes once and remembers where {@code event}, {@code media.track}, {@code media.payload} and
 * {@code media.timestamp} are; anything it is not sure about (escapes or non-ASCII bytes, duplicate keys, other events,
 * broken syntax) is reported as {@link #FALLBACK} so the caller parses it properly with Jackson. It never accepts a
 * document Jackson would reject. One instance per connection (it holds the positions of the last scan); not
 * thread-safe.
 */
final class MediaJsonScanner {
    /** A well-formed media event: {@link #trackIs}, {@link #payloadStart}/{@link #payloadEnd} and {@link #timestampMillis} are set. */
    static final int MEDIA = 1;
    /** Anything else: parse with Jackson. */
    static final int FALLBACK = 2;

    private static final byte[] KEY_EVENT = ascii("event");
    private static final byte[] KEY_MEDIA = ascii("media");
    private static final byte[] KEY_TRACK = ascii("track");
    private static final byte[] KEY_PAYLOAD = ascii("payload");
    private static final byte[] KEY_TIMESTAMP = ascii("timestamp");
    private static final byte[] VALUE_MEDIA = KEY_MEDIA;
    private static final int MAX_DEPTH = 32;
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int pos;
    private int end;
    private boolean failed;

    private int eventStart = -1;
    private int eventEnd = -1;
    private int trackStart = -1;
    private int trackEnd = -1;
    int payloadStart = -1;
    int payloadEnd = -1;
    /** media.timestamp in ms, or -1 when absent or not a plain number. */
    long timestampMillis = -1;
    private boolean sawMediaObject;

    /** Scans {@code bytes[from, to)}; positions reported are indexes into {@code bytes}. */
    int scan(byte[] bytes, int from, int to) {
        buf = bytes;
        pos = from;
        end = to;
        failed = false;
        eventStart = eventEnd = trackStart = trackEnd = payloadStart = payloadEnd = -1;
        timestampMillis = -1;
        sawMediaObject = false;

        skipWs();
        if (!expect('{')) {
            return FALLBACK;
        }
        skipWs();
        if (peek() == '}') {
            return FALLBACK; // no event at all: let Jackson-based handling report it
        }
        while (!failed) {
            skipWs();
            int keyStart = pos + 1;
            if (!scanString()) {
                return FALLBACK;
            }
            int keyEnd = pos - 1;
            skipWs();
            if (!expect(':')) {
                return FALLBACK;
            }
            skipWs();
            if (keyIs(keyStart, keyEnd, KEY_EVENT)) {
                if (eventStart >= 0 || peek() != '"') {
                    return FALLBACK;
                }
                eventStart = pos + 1;
                if (!scanString()) {
                    return FALLBACK;
                }
                eventEnd = pos - 1;
            } else if (keyIs(keyStart, keyEnd, KEY_MEDIA)) {
                if (sawMediaObject || !scanMediaObject()) {
                    return FALLBACK;
                }
                sawMediaObject = true;
            } else if (!skipValue(0)) {
                return FALLBACK;
            }
            skipWs();
            int c = next();
            if (c == '}') {
                break;
            }
            if (c != ',') {
                return FALLBACK;
            }
        }
        skipWs();
        if (failed || pos != end) {
            return FALLBACK; // trailing bytes: Jackson (with FAIL_ON_TRAILING_TOKENS) decides
        }
        if (eventStart < 0 || !keyIs(eventStart, eventEnd, VALUE_MEDIA) || !sawMediaObject
                || trackStart < 0 || payloadStart < 0) {
            return FALLBACK;
        }
        return MEDIA;
    }

    /** Whether the scanned media.track equals {@code value}. */
    boolean trackIs(byte[] value) {
        return trackStart >= 0 && keyIs(trackStart, trackEnd, value);
    }

    private boolean scanMediaObject() {
        if (!expect('{')) {
            return false;
        }
        skipWs();
        if (peek() == '}') {
            pos++;
            return true;
        }
        while (true) {
            skipWs();
            int keyStart = pos + 1;
            if (!scanString()) {
                return false;
            }
            int keyEnd = pos - 1;
            skipWs();
            if (!expect(':')) {
                return false;
            }
            skipWs();
            if (keyIs(keyStart, keyEnd, KEY_TRACK)) {
                if (trackStart >= 0 || peek() != '"') {
                    return false;
                }
                trackStart = pos + 1;
                if (!scanString()) {
                    return false;
                }
                trackEnd = pos - 1;
            } else if (keyIs(keyStart, keyEnd, KEY_PAYLOAD)) {
                if (payloadStart >= 0 || peek() != '"') {
                    return false;
                }
                payloadStart = pos + 1;
                if (!scanString()) {
                    return false;
                }
                payloadEnd = pos - 1;
            } else if (keyIs(keyStart, keyEnd, KEY_TIMESTAMP)) {
                if (timestampMillis != -1) {
                    return false;
                }
                int c = peek();
                int valueStart = c == '"' ? pos + 1 : pos;
                if (!skipValue(1)) {
                    return false;
                }
                int valueEnd = c == '"' ? pos - 1 : pos;
                timestampMillis = digits(valueStart, valueEnd);
            } else if (!skipValue(1)) {
                return false;
            }
            skipWs();
            int c = next();
            if (c == '}') {
                return true;
            }
            if (c != ',') {
                return false;
            }
        }
    }

    /** A plain non-negative decimal of at most 15 digits, else -1. */
    private long digits(int from, int to) {
        if (to <= from || to - from > 15) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** At a '"': moves past the closing quote. Refuses escapes, control and non-ASCII bytes (Jackson's job). */
    private boolean scanString() {
        if (!expect('"')) {
            return false;
        }
        // Eight bytes at a time while none of them can end or spoil the string (a base64 payload is ~216 bytes).
        while (pos + 8 <= end && plain((long) LONGS.get(buf, pos))) {
            pos += 8;
        }
        while (pos < end) {
            int c = buf[pos++] & 0xFF;
            if (c == '"') {
                return true;
            }
            if (c == '\\' || c < 0x20 || c >= 0x80) {
                failed = true;
                return false;
            }
        }
        failed = true;
        return false;
    }

    /**
     * True when none of the 8 bytes is '"', '\\', below 0x20 or above 0x7F (SWAR: the classic "has zero byte" test,
     * {@code (v - 0x01..) & ~v & 0x80..}, applied to v XOR the byte looked for).
     */
    private static boolean plain(long x) {
        long high = x & 0x8080808080808080L;
        long control = (x - 0x2020202020202020L) & ~x & 0x8080808080808080L;
        long q = x ^ 0x2222222222222222L;
        long quote = (q - 0x0101010101010101L) & ~q & 0x8080808080808080L;
        long bs = x ^ 0x5C5C5C5C5C5C5C5CL;
        long backslash = (bs - 0x0101010101010101L) & ~bs & 0x8080808080808080L;
        return (high | control | quote | backslash) == 0;
    }

    private boolean skipValue(int depth) {
        if (depth > MAX_DEPTH) {
            failed = true;
            return false;
        }
        int c = peek();
        switch (c) {
            case '"':
                return scanString();
            case '{': {
                pos++;
                skipWs();
                if (peek() == '}') {
                    pos++;
                    return true;
                }
                while (true) {
                    skipWs();
                    if (!scanString()) {
                        return false;
                    }
                    skipWs();
                    if (!expect(':')) {
                        return false;
                    }
                    skipWs();
                    if (!skipValue(depth + 1)) {
                        return false;
                    }
                    skipWs();
                    int n = next();
                    if (n == '}') {
                        return true;
                    }
                    if (n != ',') {
                        failed = true;
                        return false;
                    }
                }
            }
            case '[': {
                pos++;
                skipWs();
                if (peek() == ']') {
                    pos++;
                    return true;
                }
                while (true) {
                    skipWs();
                    if (!skipValue(depth + 1)) {
                        return false;
                    }
                    skipWs();
                    int n = next();
                    if (n == ']') {
                        return true;
                    }
                    if (n != ',') {
                        failed = true;
                        return false;
                    }
                }
            }
            case 't':
                return literal("true");
            case 'f':
                return literal("false");
            case 'n':
                return literal("null");
            default:
                return number();
        }
    }

    /** JSON number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private boolean number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int c = peek();
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            failed = true;
            return false;
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                failed = true;
                return false;
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        c = peek();
        if (c == 'e' || c == 'E') {
            pos++;
            c = peek();
            if (c == '+' || c == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                failed = true;
                return false;
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (pos - start > 64) {
            failed = true; // absurd numbers: leave them to Jackson
            return false;
        }
        return true;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private boolean literal(String word) {
        if (end - pos < word.length()) {
            failed = true;
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (buf[pos + i] != word.charAt(i)) {
                failed = true;
                return false;
            }
        }
        pos += word.length();
        return true;
    }

    private boolean keyIs(int from, int to, byte[] key) {
        if (to - from != key.length) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (buf[from + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    private void skipWs() {
        while (pos < end) {
            byte c = buf[pos];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else {
                return;
            }
        }
    }

    private int peek() {
        return pos < end ? buf[pos] & 0xFF : -1;
    }

    private int next() {
        if (pos >= end) {
            failed = true;
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    private boolean expect(char c) {
        if (pos < end && buf[pos] == c) {
            pos++;
            return true;
        }
        failed = true;
        return false;
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
