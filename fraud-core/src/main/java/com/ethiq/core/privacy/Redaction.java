package com.ethiq.core.privacy;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** A redacted text and how many values of each kind were replaced (counts only, never the values). */
public record Redaction(String text, Map<PiiKind, Integer> counts) {
    public Redaction {
        Objects.requireNonNull(text, "'text' must not be null");
        EnumMap<PiiKind, Integer> copy = new EnumMap<>(PiiKind.class);
        copy.putAll(counts);
        counts = java.util.Collections.unmodifiableMap(copy);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(PiiKind kind) {
        return counts.getOrDefault(kind, 0);
    }
}
