package com.ethiq.core.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one tenant wants protection to behave: language, thresholds, alerts, how long transcripts are kept,
 * extra phrases, and whether (and how much) AI analysis may be used. {@code clearCallRetention} is how long the
 * transcript of a call judged clear (the doctor, a grandchild) is kept: short by default, because nothing in it
 * protects anyone; calls judged scam or suspect keep {@code transcriptRetention}. The shorter of the two applies.
 * {@code speechGate} (default on): only the audio where someone speaks is sent to speech recognition (billed per
 * second sent); off sends both tracks whole, for an account that prefers paying for silence to any risk of a clipped
 * word (the node's {@code ETHIQ_SPEECH_GATE=false} turns it off for every account whatever this says).
 */
public record TenantSettings(Language language, DetectionThresholds thresholds, AlertPreferences alerts,
                             Duration transcriptRetention, List<CustomPhrase> customPhrases,
                             boolean aiAnalysisEnabled, int aiDailyRequestBudget, RingSettings ring,
                             Duration clearCallRetention, PhoneNumber protectedPhone, CallerListing blockedCallers,
                             boolean speechGate) {
    public static final Duration MIN_RETENTION = Duration.ofDays(1);
    public static final Duration MAX_RETENTION = Duration.ofDays(3650);
    /** Transcripts of clear calls: a week, long enough to look back at yesterday's calls, no longer. */
    public static final Duration DEFAULT_CLEAR_CALL_RETENTION = Duration.ofDays(7);

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
        clearCallRetention = clearCallRetention == null ? DEFAULT_CLEAR_CALL_RETENTION : clearCallRetention;
        if (clearCallRetention.compareTo(MIN_RETENTION) < 0 || clearCallRetention.compareTo(MAX_RETENTION) > 0) {
            throw new IllegalArgumentException("'clearCallRetention' must be 1 to 3650 days, got " + clearCallRetention.toDays() + " days");
        }
        // protectedPhone may be null: not given yet (the SMS then carries no number to call)
        blockedCallers = blockedCallers == null ? CallerListing.BLOCKED_REJECT : blockedCallers;
        if (!blockedCallers.blocked()) {
            throw new IllegalArgumentException("'blockedCallers' must be reject or warn, got " + blockedCallers.wire());
        }
    }

    /** Settings with the speech gate on (the default). */
    public TenantSettings(Language language, DetectionThresholds thresholds, AlertPreferences alerts,
                          Duration transcriptRetention, List<CustomPhrase> customPhrases,
                          boolean aiAnalysisEnabled, int aiDailyRequestBudget, RingSettings ring,
                          Duration clearCallRetention, PhoneNumber protectedPhone, CallerListing blockedCallers) {
        this(language, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget,
                ring, clearCallRetention, protectedPhone, blockedCallers, true);
    }

    /** Settings where a blocked number's call is rejected (the default choice). */
    public TenantSettings(Language language, DetectionThresholds thresholds, AlertPreferences alerts,
                          Duration transcriptRetention, List<CustomPhrase> customPhrases,
                          boolean aiAnalysisEnabled, int aiDailyRequestBudget, RingSettings ring,
                          Duration clearCallRetention, PhoneNumber protectedPhone) {
        this(language, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget,
                ring, clearCallRetention, protectedPhone, CallerListing.BLOCKED_REJECT);
    }

    /** Settings without the protected person's own phone number. */
    public TenantSettings(Language language, DetectionThresholds thresholds, AlertPreferences alerts,
                          Duration transcriptRetention, List<CustomPhrase> customPhrases,
                          boolean aiAnalysisEnabled, int aiDailyRequestBudget, RingSettings ring, Duration clearCallRetention) {
        this(language, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget,
                ring, clearCallRetention, (PhoneNumber) null);
    }

    /** Settings with the default retention of clear calls ({@link #DEFAULT_CLEAR_CALL_RETENTION}). */
    public TenantSettings(Language language, DetectionThresholds thresholds, AlertPreferences alerts,
                          Duration transcriptRetention, List<CustomPhrase> customPhrases,
                          boolean aiAnalysisEnabled, int aiDailyRequestBudget, RingSettings ring, PhoneNumber protectedPhone) {
        this(language, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget,
                ring, DEFAULT_CLEAR_CALL_RETENTION, protectedPhone);
    }

    /** Settings with the default retention of clear calls and no protected phone yet. */
    public TenantSettings(Language language, DetectionThresholds thresholds, AlertPreferences alerts,
                          Duration transcriptRetention, List<CustomPhrase> customPhrases,
                          boolean aiAnalysisEnabled, int aiDailyRequestBudget, RingSettings ring) {
        this(language, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget,
                ring, DEFAULT_CLEAR_CALL_RETENTION, (PhoneNumber) null);
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

    /** How long a clear call's transcript is kept: the clear-call retention, never more than the account's retention. */
    public Duration effectiveClearCallRetention() {
        return clearCallRetention.compareTo(transcriptRetention) < 0 ? clearCallRetention : transcriptRetention;
    }

    /** The protected person's own phone (E.164), named in alert SMS and on the family page; empty until given. */
    public java.util.Optional<PhoneNumber> protectedNumber() {
        return java.util.Optional.ofNullable(protectedPhone);
    }

    public TenantSettings withLanguage(Language value) {
        return new TenantSettings(value, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring, clearCallRetention, protectedPhone, blockedCallers, speechGate);
    }

    public TenantSettings withThresholds(DetectionThresholds value) {
        return new TenantSettings(language, value, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring, clearCallRetention, protectedPhone, blockedCallers, speechGate);
    }

    public TenantSettings withAlerts(AlertPreferences value) {
        return new TenantSettings(language, thresholds, value, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring, clearCallRetention, protectedPhone, blockedCallers, speechGate);
    }

    public TenantSettings withRetention(Duration value) {
        return new TenantSettings(language, thresholds, alerts, value, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring, clearCallRetention, protectedPhone, blockedCallers, speechGate);
    }

    public TenantSettings withCustomPhrases(List<CustomPhrase> value) {
        return new TenantSettings(language, thresholds, alerts, transcriptRetention, value, aiAnalysisEnabled, aiDailyRequestBudget, ring, clearCallRetention, protectedPhone, blockedCallers, speechGate);
    }

    public TenantSettings withRing(RingSettings value) {
        return new TenantSettings(language, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, value, clearCallRetention, protectedPhone, blockedCallers, speechGate);
    }

    public TenantSettings withAi(boolean enabled, int dailyBudget) {
        return new TenantSettings(language, thresholds, alerts, transcriptRetention, customPhrases, enabled, dailyBudget, ring, clearCallRetention, protectedPhone, blockedCallers, speechGate);
    }

    public TenantSettings withClearCallRetention(Duration value) {
        return new TenantSettings(language, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring, value, protectedPhone, blockedCallers, speechGate);
    }

    public TenantSettings withProtectedPhone(PhoneNumber value) {
        return new TenantSettings(language, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring, clearCallRetention, value, blockedCallers, speechGate);
    }

    /** What "block this number" puts on the list: reject the call, or connect it with a spoken warning first. */
    public TenantSettings withBlockedCallers(CallerListing value) {
        return new TenantSettings(language, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring, clearCallRetention, protectedPhone, value, speechGate);
    }

    /** Whether silence is held back from speech recognition on this account's calls (see the class comment). */
    public TenantSettings withSpeechGate(boolean value) {
        return new TenantSettings(language, thresholds, alerts, transcriptRetention, customPhrases, aiAnalysisEnabled, aiDailyRequestBudget, ring, clearCallRetention, protectedPhone, blockedCallers, value);
    }

    /** The wire name of the block choice: {@code reject} or {@code warn}. */
    public String blockedCallersWire() {
        return blockedCallers == CallerListing.BLOCKED_WARN ? "warn" : "reject";
    }

    /** Parses {@code reject} / {@code warn} (the settings API's words for the block choice). */
    public static CallerListing parseBlockedCallers(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "reject" -> CallerListing.BLOCKED_REJECT;
            case "warn" -> CallerListing.BLOCKED_WARN;
            default -> throw new IllegalArgumentException("'blockedCallers' must be reject or warn, got '" + text + "'");
        };
    }
}
