package com.ethiq.core.domain;

import java.util.Locale;

/** What we bill for. Quantities are in the unit named here. */
public enum UsageKind {
    /** Billed speech recognition, in milliseconds. */
    SPEECH_MILLIS,
    AI_PROMPT_TOKENS,
    AI_COMPLETION_TOKENS,
    /** One AI request (for request-count budgets). */
    AI_REQUESTS,
    SMS_SENT,
    ANNOUNCEMENTS,
    /** One protected call. */
    CALLS,
    /**
     * Protected call time, in milliseconds: from the call's media stream starting to the call's end. Recorded with the
     * call's billed speech, so speech billed per protected minute (the speech gate's saving) can be read per month.
     */
    CALL_MILLIS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UsageKind fromWire(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
