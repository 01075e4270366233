package com.ethiq.core.detection;

import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import java.util.List;
import java.util.Objects;

/**
 * A whole call as text, turn by turn (the transcript-file format of {@code docs/architecture.md}). {@code label},
 * {@code category} and {@code firstFraudTurn} are optional (null when unlabelled).
 */
public record CallTranscript(String id, Language language, String label, String category, Integer firstFraudTurn,
                             List<Turn> turns) {

    /** One final utterance. */
    public record Turn(Speaker speaker, String text) {
        public Turn {
            Objects.requireNonNull(speaker, "'speaker' must not be null");
            Objects.requireNonNull(text, "'text' must not be null");
        }
    }

    public CallTranscript {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(language, "'language' must not be null");
        turns = List.copyOf(Objects.requireNonNull(turns, "'turns' must not be null"));
        if (label != null && !label.equals("scam") && !label.equals("legit")) {
            throw new IllegalArgumentException("'label' must be 'scam' or 'legit', got '" + label + "'");
        }
        if (firstFraudTurn != null && (firstFraudTurn < 0 || firstFraudTurn >= Math.max(1, turns.size()))) {
            throw new IllegalArgumentException("'first_fraud_turn' must be a turn index, got " + firstFraudTurn);
        }
    }

    public boolean isLabelled() {
        return label != null;
    }

    public boolean isScam() {
        return "scam".equals(label);
    }
}
