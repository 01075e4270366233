package com.ethiq.core.domain;

import java.util.Locale;

/**
 * How ringing the protected person into a protected call ended; stored on the call log ("why" the call went as it
 * did). Only the first outcome counts: a later or repeated report never changes it.
 */
public enum RingResult {
    /** The protected person picked up: caller and person are in the conference. */
    ANSWERED,
    /** It rang until the account's ring timeout. */
    NO_ANSWER,
    /** The person's line was busy. */
    BUSY,
    /** The person's SIP endpoint could not be reached (failed). */
    UNREACHABLE,
    /** The caller hung up while it rang; the person's leg was cancelled. */
    CALLER_HUNG_UP,
    /** The provider never accepted the request to ring the person (permanent failure or retries spent). */
    NOT_RUNG;

    /** Whether the person's endpoint answered the network (picked up, rang out or was busy): it is online. */
    public boolean reachedThePhone() {
        return this == ANSWERED || this == NO_ANSWER || this == BUSY;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RingResult fromWire(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
