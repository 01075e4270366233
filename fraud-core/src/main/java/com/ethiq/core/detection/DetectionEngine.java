package com.ethiq.core.detection;

import com.ethiq.core.domain.CustomPhrase;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Language;
import java.util.List;

/**
 * The phrase-rule detection engine: compiled rule packs shared by every call (immutable, thread-safe).
 * Each call gets its own {@link DetectionSession}.
 */
public final class DetectionEngine {

    private DetectionEngine() {
    }

    /** Loads the bundled French and English packs from the classpath. */
    public static DetectionEngine withDefaultPacks() {
        return new DetectionEngine();
    }

    /** A session for one call, with the tenant's thresholds and extra phrases. */
    public DetectionSession newSession(Language language, DetectionThresholds thresholds, List<CustomPhrase> customPhrases) {
        throw new UnsupportedOperationException("detection engine under construction");
    }

    /** Phrases worth boosting in speech recognition for this language (for speech adaptation). */
    public List<String> speechHints(Language language, int max) {
        return List.of();
    }
}
