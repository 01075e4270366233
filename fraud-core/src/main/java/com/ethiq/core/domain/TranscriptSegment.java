package com.ethiq.core.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * One piece of recognised speech on one track. Partial segments are revised until a final one closes the
 * utterance; {@code utteranceIndex} numbers the utterances of one track so a partial and its final share it.
 */
public record TranscriptSegment(Speaker speaker, int utteranceIndex, String text, boolean isFinal,
                                Duration startOffset, Duration endOffset, double confidence) {
    public TranscriptSegment {
        Objects.requireNonNull(speaker, "'speaker' must not be null");
        Objects.requireNonNull(text, "'text' must not be null");
        Objects.requireNonNull(startOffset, "'startOffset' must not be null");
        Objects.requireNonNull(endOffset, "'endOffset' must not be null");
        if (utteranceIndex < 0) {
            throw new IllegalArgumentException("'utteranceIndex' must be >= 0, got " + utteranceIndex);
        }
        if (endOffset.compareTo(startOffset) < 0) {
            throw new IllegalArgumentException("'endOffset' must not precede 'startOffset'");
        }
        if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("'confidence' must be within 0..1, got " + confidence);
        }
    }

    public static TranscriptSegment finalText(Speaker speaker, int utteranceIndex, String text) {
        return new TranscriptSegment(speaker, utteranceIndex, text, true, Duration.ZERO, Duration.ZERO, 1.0);
    }

    public static TranscriptSegment partialText(Speaker speaker, int utteranceIndex, String text) {
        return new TranscriptSegment(speaker, utteranceIndex, text, false, Duration.ZERO, Duration.ZERO, 0.0);
    }
}
