package com.ethiq.core.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one tenant wants protection to behave: language, thresholds, alerts, how long transcripts are kept,
 * extra phrases, and whether (and how much) AI analysis may be used.
 */
public record TenantSettings(Language language, DetectionThresholds thresholds, AlertPreferences alerts,
                             Duration transcriptRetention, List<CustomPhrase> customPhrases,
                             boolean aiAnalysisEnabled, int aiDailyRequestBudget, RingSettings ring) {
    public static final Duration MIN_RETENTION = Duration.ofDays(1);
    public static final Duration MAX_RETENTION = Duration.ofDays(3650);

    public TenantSettings {
        Objects.requireNonNull(language, "'language' must not be null");
        Objects.requireNonNull(thresholds, "'thresholds' must not be null");
        Objects.requireNonNull(alerts, "'alerts' must not be null");
        Objects.requireNonNull(transcriptRetention, "'transcriptRetention' must not be null");
        if (transcriptRetention.compareTo(MIN_RETENTION) < 0 || transcriptRetention.compareTo(MAX_RETENTION) > 0) {
            throw new IllegalArgumentException("'transcriptRetention' must be 1 to 3650 days, got " + transcriptRetention.toDays() + " days");
        }
        customPhrases = List.copyOf(customPhrases);
        if (customPhrases.size() > 500) {
            throw new IllegalArgumentException("'customPhrases' must hold at most 500 phrases, got " + customPhrases.size());
        }
        if (aiDailyRequestBudget < 0) {
            throw new IllegalArgumentException("'aiDailyRequestBudget' must be >= 0, got " + aiDailyRequestBudget);
        }
        ring = ring == null ? RingSettings.DEFAULT : ring;
    }

    /** Settings with the default ring behaviour ({@link RingSettings#DEFAULT}). */
    public TenantSettings(Language language, DetectionThresholds thresholds, AlertPreferences alerts,
                          Duration transcriptRetention, List<CustomPhrase> customPhrases,
                          boolean aiAnalysisEnabled, int aiDailyRequestBudget) {
        this(language, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget,
                RingSettings.DEFAULT);
    }

    /** French, default thresholds, every alert, 90 days of transcripts, AI allowed up to 200 requests a day. */
    public static TenantSettings defaults() {
        return new TenantSettings(Language.FRENCH, DetectionThresholds.DEFAULT, AlertPreferences.ALL,
                Duration.ofDays(90), List.of(), true, 200);
    }

    public TenantSettings withLanguage(Language value) {
        return new TenantSettings(value, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring);
    }

    public TenantSettings withThresholds(DetectionThresholds value) {
        return new TenantSettings(language, value, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring);
    }

    public TenantSettings withAlerts(AlertPreferences value) {
        return new TenantSettings(language, thresholds, value, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring);
    }

    public TenantSettings withRetention(Duration value) {
        return new TenantSettings(language, thresholds, alerts, value, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring);
    }

    public TenantSettings withCustomPhrases(List<CustomPhrase> value) {
        return new TenantSettings(language, thresholds, alerts, transcriptRetention, value, aiAnalysisEnabled, aiDailyRequestBudget, ring);
    }

    public TenantSettings withRing(RingSettings value) {
        return new TenantSettings(language, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, value);
    }

    public TenantSettings withAi(boolean enabled, int dailyBudget) {
        return new TenantSettings(language, thresholds, alerts, transcriptRetention, customPhrases, enabled, dailyBudget, ring);
    }
}
