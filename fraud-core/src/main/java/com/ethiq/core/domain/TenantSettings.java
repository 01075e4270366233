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
                             boolean aiAnalysisEnabled, int aiDailyRequestBudget, RingSettings ring,
                             PhoneNumber protectedPhone) {
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
        // protectedPhone may be null: not given yet (the SMS then carries no number to call)
    }

    /** Settings without the protected person's own phone number. */
    public TenantSettings(Language language, DetectionThresholds thresholds, AlertPreferences alerts,
                          Duration transcriptRetention, List<CustomPhrase> customPhrases,
                          boolean aiAnalysisEnabled, int aiDailyRequestBudget, RingSettings ring) {
        this(language, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring, null);
    }

    /** The protected person's own phone (E.164), named in alert SMS and on the family page; empty until given. */
    public java.util.Optional<PhoneNumber> protectedNumber() {
        return java.util.Optional.ofNullable(protectedPhone);
    }

    public TenantSettings withProtectedPhone(PhoneNumber value) {
        return new TenantSettings(language, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring, value);
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
        return new TenantSettings(value, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring, protectedPhone);
    }

    public TenantSettings withThresholds(DetectionThresholds value) {
        return new TenantSettings(language, value, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring, protectedPhone);
    }

    public TenantSettings withAlerts(AlertPreferences value) {
        return new TenantSettings(language, thresholds, value, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring, protectedPhone);
    }

    public TenantSettings withRetention(Duration value) {
        return new TenantSettings(language, thresholds, alerts, value, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring, protectedPhone);
    }

    public TenantSettings withCustomPhrases(List<CustomPhrase> value) {
        return new TenantSettings(language, thresholds, alerts, transcriptRetention, value, aiAnalysisEnabled, aiDailyRequestBudget, ring, protectedPhone);
    }

    public TenantSettings withRing(RingSettings value) {
        return new TenantSettings(language, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, value, protectedPhone);
    }

    public TenantSettings withAi(boolean enabled, int dailyBudget) {
        return new TenantSettings(language, thresholds, alerts, transcriptRetention, customPhrases, enabled, dailyBudget, ring, protectedPhone);
    }
}
