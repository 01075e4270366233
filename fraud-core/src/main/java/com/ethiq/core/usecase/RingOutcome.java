package com.ethiq.core.usecase;

import java.util.Locale;

/** What one attempt to ring the protected person into the conference came to. */
public enum RingOutcome {
    /** The telephony provider accepted the participant. */
    INVITED,
    /** A transient failure; another attempt is scheduled. */
    RETRIED,
    /** Given up: permanent failure, attempts spent, or shutting down. */
    FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
