package com.ethiq.adapter.speech.fake;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fake server's recogniser for one stream: decodes {@link FakeSpeechAudio} words from the bytes received, an
 * interim result after each word, a final result once {@code endSilenceBytes} of silence follow the last word. Times
 * are positions in this stream's audio, like Google's {@code result_end_time}. Not thread-safe (gRPC serialises a
 * call's messages).
 */
final class FakeRecognizer {
    interface Results {
        void interim(String text, long endMs);

        void fin(String text, long endMs);
    }

    private enum State { SCAN, MARK, LENGTH, TEXT, CHECK }

    private final long endSilenceBytes;
    private final List<String> words = new ArrayList<>();
    private State state = State.SCAN;
    private int markIndex;
    private byte[] text;
    private int textLength;
    private long position;
    private long silentRun;
    private long speechFreeRun;

    FakeRecognizer(long endSilenceBytes) {
        this.endSilenceBytes = endSilenceBytes;
    }

    void feed(ByteString audio, Results results) {
        for (int i = 0; i < audio.size(); i++) {
            accept(audio.byteAt(i), results);
        }
    }

    /** The client half-closed: what was heard becomes final, as Google does. */
    void flush(Results results) {
        if (!words.isEmpty()) {
            results.fin(String.join(" ", words), position / FakeSpeechAudio.BYTES_PER_MS);
            words.clear();
        }
    }

    boolean utteranceOpen() {
        return !words.isEmpty();
    }

    long positionBytes() {
        return position;
    }

    /** Audio received since the last word (or the start), for silence timeouts. */
    long speechFreeBytes() {
        return speechFreeRun;
    }

    private void accept(byte b, Results results) {
        position++;
        speechFreeRun++;
        switch (state) {
            case SCAN -> {
                if (b == FakeSpeechAudio.MARK[0]) {
                    state = State.MARK;
                    markIndex = 1;
                    silentRun = 0;
                } else if (b == FakeSpeechAudio.SILENCE || b == (byte) 0x7F) {
                    silentRun++;
                    if (!words.isEmpty() && silentRun >= endSilenceBytes) {
                        results.fin(String.join(" ", words), position / FakeSpeechAudio.BYTES_PER_MS);
                        words.clear();
                    }
                } else {
                    silentRun = 0;
                }
            }
            case MARK -> {
                if (b == FakeSpeechAudio.MARK[markIndex]) {
                    markIndex++;
                    if (markIndex == FakeSpeechAudio.MARK.length) {
                        state = State.LENGTH;
                    }
                } else {
                    state = State.SCAN;
                }
            }
            case LENGTH -> {
                textLength = b & 0xFF;
                text = new byte[textLength];
                markIndex = 0;
                state = textLength == 0 ? State.SCAN : State.TEXT;
            }
            case TEXT -> {
                text[markIndex++] = b;
                if (markIndex == textLength) {
                    state = State.CHECK;
                }
            }
            case CHECK -> {
                state = State.SCAN;
                if (b == FakeSpeechAudio.checksum(text)) {
                    words.add(new String(text, StandardCharsets.UTF_8));
                    speechFreeRun = 0;
                    results.interim(String.join(" ", words), position / FakeSpeechAudio.BYTES_PER_MS);
                }
            }
        }
    }
}
