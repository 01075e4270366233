package com.ethiq.core.domain;

import java.util.Locale;

/**
 * Which of an account's caller lists a number is on. Trusted callers are never strangers (still protected, but a scam
 * verdict needs stronger evidence); a blocked caller is rejected or only announced as blocked, as the account chose.
 */
public enum CallerListing {
    TRUSTED,
    /** Blocked: the call is refused before it rings. */
    BLOCKED_REJECT,
    /** Blocked, but the account prefers to be warned: the call is protected and starts suspicious. */
    BLOCKED_WARN;

    public boolean blocked() {
        return this != TRUSTED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CallerListing fromWire(String text) {
        if (text == null) {
            throw new IllegalArgumentException("'listing' must be one of trusted, blocked_reject, blocked_warn");
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'listing' must be one of trusted, blocked_reject, blocked_warn, got '" + text + "'");
        }
    }
}
