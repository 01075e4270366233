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
    CALLS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UsageKind fromWire(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
