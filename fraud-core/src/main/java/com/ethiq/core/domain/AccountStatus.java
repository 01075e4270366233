package com.ethiq.core.domain;

/** Lifecycle of a tenant account. Suspended accounts still receive calls, unprotected; cancelled ones are rejected. */
public enum AccountStatus {
    /** Number assigned but not yet live at the telephony provider. */
    PROVISIONING,
    ACTIVE,
    SUSPENDED,
    CANCELLED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static AccountStatus fromWire(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
