package com.ethiq.core.detection;

import java.util.Locale;

/** The structural parts of a scam call that rules look for. */
public enum CueKind {
    /** The caller claims to be a bank, the police, Microsoft, Ameli, a grandchild... */
    IDENTITY_CLAIM,
    /** A suspicious operation, an accident, a virus, a parcel, expiring rights... */
    PRETEXT,
    /** Pressure to act now. */
    URGENCY,
    /** "Don't tell anyone", "don't hang up", "don't call your bank". */
    SECRECY,
    /** The caller asks for a code, PIN, card, transfer, remote access, gift cards, cash... */
    REQUEST,
    /** The protected person reads out a code, card number or credentials. */
    DISCLOSURE,
    /** Signals of a legitimate call ("call the number on your card", "we will never ask for your code"). */
    LEGITIMACY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CueKind fromWire(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
