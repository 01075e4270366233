package com.ethiq.core.domain;

import java.util.regex.Pattern;

/** The telephony provider's id of one call leg (Twilio: {@code CA} + 32 hex digits). */
public record CallSid(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{2,64}");

    public CallSid {
        if (!isValid(value)) {
            throw new IllegalArgumentException("'callSid' must be 2-64 letters, digits, '_' or '-', got '" + value + "'");
        }
    }

    /** Whether {@code value} has the shape of a call sid (for input that must be checked, not trusted). */
    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    public static CallSid of(String value) {
        return new CallSid(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
