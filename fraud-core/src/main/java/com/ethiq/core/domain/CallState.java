package com.ethiq.core.domain;

import java.util.Locale;

/** Where a call is in its life. Transitions only move forward (see {@link #canMoveTo}). */
public enum CallState {
    RINGING,
    IN_PROGRESS,
    ENDED;

    public boolean canMoveTo(CallState next) {
        return next.ordinal() >= ordinal();
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CallState fromWire(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
