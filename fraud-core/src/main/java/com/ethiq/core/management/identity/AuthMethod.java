package com.ethiq.core.management.identity;

import java.util.Locale;

/** How a session's user proved who they are (the JWT {@code amr} values of RFC 8176). */
public enum AuthMethod {
    /** Password. */
    PWD,
    /** A TOTP code. */
    OTP,
    /** A single-use recovery code (counts as the second factor). */
    RECOVERY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuthMethod fromWire(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
