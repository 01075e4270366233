package com.ethiq.adapter.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.speech.v1.SpeechRecognitionAlternative;
import com.google.cloud.speech.v1.StreamingRecognitionResult;
import org.junit.jupiter.api.Test;

/** The recogniser's other hypotheses of a final go with it, best first, for detection. */
class FinalAlternativesTest {

    private static SpeechRecognitionAlternative alt(String text) {
        return SpeechRecognitionAlternative.newBuilder().setTranscript(text).build();
    }

    @Test
    void theHypothesesAfterTheBestAreKeptInOrderWithoutBlanks() {
        StreamingRecognitionResult result = StreamingRecognitionResult.newBuilder().setIsFinal(true)
                .addAlternatives(alt("lisez-moi le conte"))
                .addAlternatives(alt(" lisez-moi le code "))
                .addAlternatives(alt("  "))
                .addAlternatives(alt("lisez-moi le comte"))
                .build();

        assertThat(TrackSession.alternatives(result)).containsExactly("lisez-moi le code", "lisez-moi le comte");
    }

    @Test
    void aSingleHypothesisHasNoAlternatives() {
        StreamingRecognitionResult result = StreamingRecognitionResult.newBuilder().setIsFinal(true)
                .addAlternatives(alt("bonjour")).build();

        assertThat(TrackSession.alternatives(result)).isEmpty();
    }
}
