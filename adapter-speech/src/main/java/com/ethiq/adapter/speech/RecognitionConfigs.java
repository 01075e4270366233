package com.ethiq.adapter.speech;

import com.ethiq.core.port.SpeechTranscriber.TranscriptionRequest;
import com.google.cloud.speech.v1.RecognitionConfig;
import com.google.cloud.speech.v1.SpeechContext;
import com.google.cloud.speech.v1.StreamingRecognitionConfig;
import com.google.cloud.speech.v1.StreamingRecognizeRequest;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Builds the first request of a v1 stream: Twilio's audio as it is (8 kHz mu-law, mono, no resampling), the call's
 * language, interim results, punctuation, and the request's phrase hints boosted through a v1 {@code SpeechContext}
 * (v1's {@code SpeechContext} has {@code boost}, so v1p1beta1 is not needed). Stateless.
 */
final class RecognitionConfigs {
    /** Google's limits: 100 characters per phrase; we keep far below 5,000 phrases per request. */
    static final int MAX_PHRASE_CHARS = 100;
    static final int MAX_PHRASES = 500;

    /**
     * Hypotheses asked per final result: the best is the transcript, the others go to detection, which matches its
     * cues on them with a discount (a word misheard in the best hypothesis is often right in the second). Free of
     * charge; interim results carry one hypothesis whatever is asked.
     */
    static final int MAX_ALTERNATIVES = 3;

    private final GoogleSpeechSettings settings;

    RecognitionConfigs(GoogleSpeechSettings settings) {
        this.settings = settings;
    }

    StreamingRecognizeRequest firstRequest(TranscriptionRequest request, String model) {
        RecognitionConfig.Builder config = RecognitionConfig.newBuilder()
                .setEncoding(RecognitionConfig.AudioEncoding.MULAW)
                .setSampleRateHertz(8000)
                .setAudioChannelCount(1)
                .setLanguageCode(request.language().bcp47())
                .addAllAlternativeLanguageCodes(settings.alternativeLanguages())
                .setModel(model)
                .setEnableAutomaticPunctuation(true)
                .setMaxAlternatives(MAX_ALTERNATIVES);
        if ("phone_call".equals(model)) {
            config.setUseEnhanced(true); // phone_call's enhanced variant is the one trained on telephony audio
        }
        Set<String> phrases = phrases(request);
        if (!phrases.isEmpty()) {
            config.addSpeechContexts(SpeechContext.newBuilder().addAllPhrases(phrases).setBoost(settings.phraseBoost()));
        }
        StreamingRecognitionConfig streaming = StreamingRecognitionConfig.newBuilder()
                .setConfig(config)
                .setInterimResults(true)
                .setSingleUtterance(false)
                .build();
        return StreamingRecognizeRequest.newBuilder().setStreamingConfig(streaming).build();
    }

    private static Set<String> phrases(TranscriptionRequest request) {
        Set<String> phrases = new LinkedHashSet<>();
        for (String hint : request.phraseHints()) {
            if (hint == null) {
                continue;
            }
            String phrase = hint.strip();
            if (!phrase.isEmpty() && phrase.length() <= MAX_PHRASE_CHARS && phrases.size() < MAX_PHRASES) {
                phrases.add(phrase);
            }
        }
        return phrases;
    }
}
