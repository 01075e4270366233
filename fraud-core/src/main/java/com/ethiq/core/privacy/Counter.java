package com.ethiq.core.privacy;

import java.util.EnumMap;

/** Counts replacements per kind during one redaction (confined to one thread). */
final class Counter {
    private final EnumMap<PiiKind, Integer> counts = new EnumMap<>(PiiKind.class);

    void add(PiiKind kind) {
        counts.merge(kind, 1, Integer::sum);
    }

    EnumMap<PiiKind, Integer> counts() {
        return counts;
    }
}
