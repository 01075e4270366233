package com.ethiq.core.caller;

import java.util.Objects;

/**
 * One signal about the caller rather than the words: a trusted or blocked listing, a shared reputation, a claim that
 * does not match the institution's numbers, a failed caller-ID verification. {@code weight} (0..1) is how much it
 * raises risk, combined with the rules' score as a noisy-OR; 0 means it only explains.
 */
public record CallerCue(String id, String explanation, double weight) {
    public CallerCue {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(explanation, "'explanation' must not be null");
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("'weight' must be within [0, 1), got " + weight);
        }
    }
}
