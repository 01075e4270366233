package com.ethiq.adapter.speech.fake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * "Speech" the fake server can recognise: each word is a block of mu-law bytes carrying the word's text (a marker,
 * a length, the UTF-8 text, a checksum) padded to {@link #WORD} of audio; silence is 0xFF. Recognition then depends
 * on the audio the server actually receives, so a test can tell audio lost (a missing word) from audio sent twice
 * (a doubled word) across stream restarts. Stateless, thread-safe.
 */
public final class FakeSpeechAudio {
    public static final int BYTES_PER_MS = 8;
    /** Audio per word. */
    public static final Duration WORD = Duration.ofMillis(300);
    /** Silence after a line, comfortably above the server's default end-of-utterance silence. */
    public static final Duration GAP = Duration.ofMillis(1000);
    static final byte[] MARK = {0x01, 'E', 'T', 'Q'};
    static final byte FILL = 0x55;
    static final byte SILENCE = (byte) 0xFF;

    private FakeSpeechAudio() {
    }

    /** The audio of one line: its words back to back. */
    public static byte[] say(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String word : line.strip().split("\\s+")) {
            out.writeBytes(word(word));
        }
        return out.toByteArray();
    }

    /** Each line followed by {@code gap} of silence. */
    public static byte[] lines(List<String> lines, Duration gap) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            out.writeBytes(say(line));
            out.writeBytes(silence(gap));
        }
        return out.toByteArray();
    }

    public static byte[] lines(List<String> lines) {
        return lines(lines, GAP);
    }

    public static byte[] silence(Duration duration) {
        byte[] audio = new byte[(int) (duration.toMillis() * BYTES_PER_MS)];
        Arrays.fill(audio, SILENCE);
        return audio;
    }

    public static Duration duration(byte[] audio) {
        return Duration.ofMillis(audio.length / BYTES_PER_MS);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] word(String word) {
        byte[] text = word.getBytes(StandardCharsets.UTF_8);
        if (text.length == 0 || text.length > 255 || word.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("'word' must be 1..255 UTF-8 bytes without control characters, got '" + word + "'");
        }
        int blockBytes = (int) Math.max(WORD.toMillis() * BYTES_PER_MS, MARK.length + 2L + text.length);
        byte[] block = new byte[blockBytes];
        Arrays.fill(block, FILL);
        System.arraycopy(MARK, 0, block, 0, MARK.length);
        block[MARK.length] = (byte) text.length;
        System.arraycopy(text, 0, block, MARK.length + 1, text.length);
        block[MARK.length + 1 + text.length] = checksum(text);
        return block;
    }

    static byte checksum(byte[] text) {
        int sum = 0x5A;
        for (byte b : text) {
            sum = (sum * 31 + (b & 0xFF)) & 0x7F;
        }
        return (byte) (sum | 0x10); // never 0xFF (silence) nor the marker's first byte
    }
}
