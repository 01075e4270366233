package com.ethiq.core.domain;

import java.util.Locale;

/**
 * The ways we warn: an SMS to an emergency contact, a spoken warning in the call's conference, and an SMS telling the
 * account that the protected person's phone seems offline, and an SMS telling the family at ring time that a number
 * reported as a scam by other accounts is calling, and an SMS telling the other contacts that a relative handles the call.
 */
public enum AlertKind {
    SMS,
    CONFERENCE_ANNOUNCEMENT,
    PHONE_OFFLINE,
    REPORTED_CALLER,
    /** A relative pressed "I'm on it": the other contacts are texted that someone handles the call. */
    FAMILY_HANDLING;

    /** Delivered as a text message (counted as one SMS sent). */
    public boolean texted() {
        return this != CONFERENCE_ANNOUNCEMENT;
    }

    /** An SMS to a contact that is not the scam warning (kept apart from it per call and contact). */
    public boolean notice() {
        return this == PHONE_OFFLINE || this == REPORTED_CALLER || this == FAMILY_HANDLING;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertKind fromWire(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
