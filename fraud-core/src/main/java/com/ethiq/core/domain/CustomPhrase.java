package com.ethiq.core.domain;

import java.util.Objects;

/**
 * A phrase a tenant adds to the rule packs (e.g. the name of their real bank adviser to flag impostors).
 * {@code cueKind} and {@code category} use the detection engine's names (see {@code CueKind}, {@code ScamCategory}).
 */
public record CustomPhrase(String phrase, String cueKind, String category, double weight) {
    public CustomPhrase {
        Objects.requireNonNull(phrase, "'phrase' must not be null");
        if (phrase.isBlank() || phrase.length() > 200) {
            throw new IllegalArgumentException("'phrase' must be 1-200 characters, got " + phrase.length());
        }
        Objects.requireNonNull(cueKind, "'cueKind' must not be null");
        Objects.requireNonNull(category, "'category' must not be null");
        if (weight <= 0 || weight > 1 || Double.isNaN(weight)) {
            throw new IllegalArgumentException("'weight' must be within (0, 1], got " + weight);
        }
    }
}
