package com.ethiq.core.domain;

/** Which warnings a tenant wants when a call is judged a scam. */
public record AlertPreferences(boolean smsToContacts, boolean announceInCall) {
    public static final AlertPreferences ALL = new AlertPreferences(true, true);
}
