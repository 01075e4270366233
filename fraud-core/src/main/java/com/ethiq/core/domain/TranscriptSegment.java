package com.ethiq.core.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One piece of recognised speech on one track. Partial segments are revised until a final one closes the
 * utterance; {@code utteranceIndex} numbers the utterances of one track so a partial and its final share it.
 * {@code alternatives} are the recogniser's other hypotheses for the same audio, best first, without {@code text}
 * itself (empty when the recogniser gave none: most partials, and every caller that does not ask for them).
 */
public record TranscriptSegment(Speaker speaker, int utteranceIndex, String text, boolean isFinal,
                                Duration startOffset, Duration endOffset, double confidence,
                                List<String> alternatives) {
    public TranscriptSegment {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
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

    /** A segment without alternative hypotheses. */
    public TranscriptSegment(Speaker speaker, int utteranceIndex, String text, boolean isFinal,
                             Duration startOffset, Duration endOffset, double confidence) {
        this(speaker, utteranceIndex, text, isFinal, startOffset, endOffset, confidence, List.of());
    }

    /** The same segment heard on another track (the track decides who spoke). */
    public TranscriptSegment withSpeaker(Speaker other) {
        return other == speaker ? this
                : new TranscriptSegment(other, utteranceIndex, text, isFinal, startOffset, endOffset, confidence, alternatives);
    }

    /** The same segment under another utterance number (a resumed stream numbers its utterances after those heard). */
    public TranscriptSegment withUtteranceIndex(int index) {
        return index == utteranceIndex ? this
                : new TranscriptSegment(speaker, index, text, isFinal, startOffset, endOffset, confidence, alternatives);
    }

    /** A final with the recogniser's alternative hypotheses, best first. */
    public static TranscriptSegment finalText(Speaker speaker, int utteranceIndex, String text, List<String> alternatives) {
        return new TranscriptSegment(speaker, utteranceIndex, text, true, Duration.ZERO, Duration.ZERO, 1.0, alternatives);
    }

    public static TranscriptSegment finalText(Speaker speaker, int utteranceIndex, String text) {
        return new TranscriptSegment(speaker, utteranceIndex, text, true, Duration.ZERO, Duration.ZERO, 1.0);
    }

    public static TranscriptSegment partialText(Speaker speaker, int utteranceIndex, String text) {
        return new TranscriptSegment(speaker, utteranceIndex, text, false, Duration.ZERO, Duration.ZERO, 0.0);
    }
}
