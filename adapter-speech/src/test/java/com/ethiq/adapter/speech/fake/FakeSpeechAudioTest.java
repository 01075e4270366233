package com.ethiq.adapter.speech.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake's "speech": what is recognised depends exactly on the bytes received. */
class FakeSpeechAudioTest {
    private final List<String> results = new ArrayList<>();
    private final FakeRecognizer.Results sink = new FakeRecognizer.Results() {
        @Override
        public void interim(String text, long endMs) {
            results.add("~" + text);
        }

        @Override
        public void fin(String text, long endMs) {
            results.add(text + "@" + endMs);
        }
    };

    @Test
    void wordsGiveInterimsAndSilenceAFinalAtItsEnd() {
        FakeRecognizer recognizer = new FakeRecognizer(400 * 8);
        byte[] audio = FakeSpeechAudio.lines(List.of("allo madame", "c est la banque"));
        feedInPieces(recognizer, audio, 137); // chunking must not matter
        assertThat(results).containsExactly("~allo", "~allo madame", "allo madame@1000",
                "~c", "~c est", "~c est la", "~c est la banque", "c est la banque@3200");
        assertThat(FakeSpeechAudio.duration(audio)).isEqualTo(Duration.ofMillis(600 + 1000 + 1200 + 1000));
    }

    @Test
    void audioStartingInsideAWordDoesNotInventIt() {
        FakeRecognizer recognizer = new FakeRecognizer(400 * 8);
        byte[] word = FakeSpeechAudio.say("perdu");
        recognizer.feed(ByteString.copyFrom(Arrays.copyOfRange(word, 3, word.length)), sink);
        recognizer.feed(ByteString.copyFrom(FakeSpeechAudio.lines(List.of("garde"))), sink);
        // 2,397 bytes of the cut word + 300 ms of "garde" + 400 ms of silence: 999.6 ms
        assertThat(results).containsExactly("~garde", "garde@999");
        assertThat(recognizer.utteranceOpen()).isFalse();
    }

    @Test
    void halfCloseFinalisesWhatWasHeard() {
        FakeRecognizer recognizer = new FakeRecognizer(400 * 8);
        recognizer.feed(ByteString.copyFrom(FakeSpeechAudio.say("un deux")), sink);
        recognizer.flush(sink);
        assertThat(results).containsExactly("~un", "~un deux", "un deux@600");
    }

    @Test
    void wordsMustBeEncodable() {
        assertThatThrownBy(() -> FakeSpeechAudio.say("a\tb\u0001")).hasMessageContaining("'word'");
        assertThat(FakeSpeechAudio.say("éléphant")).hasSize(2_400);
    }

    private void feedInPieces(FakeRecognizer recognizer, byte[] audio, int piece) {
        for (int off = 0; off < audio.length; off += piece) {
            recognizer.feed(ByteString.copyFrom(audio, off, Math.min(piece, audio.length - off)), sink);
        }
    }
}
