package com.ethiq.core.domain;

import java.util.Locale;

/** Whether a call was protected, and if not, why. */
public enum CallProtection {
    PROTECTED,
    /** The account is suspended: the person still receives calls, without protection. */
    UNPROTECTED_ACCOUNT_SUSPENDED,
    /** Speech recognition failed beyond retries during the call. */
    UNPROTECTED_SPEECH_UNAVAILABLE,
    /** The media stream never authenticated, so nothing could be listened to. */
    UNPROTECTED_NO_MEDIA,
    REJECTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CallProtection fromWire(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
