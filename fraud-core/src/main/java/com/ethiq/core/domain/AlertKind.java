package com.ethiq.core.domain;

import java.util.Locale;

/** The two ways we warn: an SMS to an emergency contact, a spoken warning in the call's conference. */
public enum AlertKind {
    SMS,
    CONFERENCE_ANNOUNCEMENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertKind fromWire(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
