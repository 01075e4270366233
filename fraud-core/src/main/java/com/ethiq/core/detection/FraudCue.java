package com.ethiq.core.detection;

import com.ethiq.core.domain.Speaker;
import java.util.Objects;

/** One rule that matched: what kind of cue, for which scam, which words, in which turn, said by whom. */
public record FraudCue(CueKind kind, ScamCategory category, String ruleId, String evidence, int turn,
                       Speaker speaker, double weight) {
    public FraudCue {
        Objects.requireNonNull(kind, "'kind' must not be null");
        Objects.requireNonNull(category, "'category' must not be null");
        Objects.requireNonNull(ruleId, "'ruleId' must not be null");
        Objects.requireNonNull(evidence, "'evidence' must not be null");
        Objects.requireNonNull(speaker, "'speaker' must not be null");
    }
}
