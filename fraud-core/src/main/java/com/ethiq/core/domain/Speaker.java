package com.ethiq.core.domain;

/**
 * Who said a transcript segment. The caller is the other party (Twilio's inbound track on the caller leg);
 * the callee is the protected person (the outbound track: what the conference plays to the caller).
 */
public enum Speaker {
    CALLER,
    CALLEE;

    public String wire() {
        return this == CALLER ? "caller" : "callee";
    }

    public static Speaker fromWire(String text) {
        if ("caller".equalsIgnoreCase(text) || "inbound".equalsIgnoreCase(text)) {
            return CALLER;
        }
        if ("callee".equalsIgnoreCase(text) || "outbound".equalsIgnoreCase(text)) {
            return CALLEE;
        }
        throw new IllegalArgumentException("'speaker' must be 'caller' or 'callee', got '" + text + "'");
    }
}
