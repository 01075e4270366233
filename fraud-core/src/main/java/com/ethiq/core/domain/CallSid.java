package com.ethiq.core.domain;

import java.util.regex.Pattern;

/** The telephony provider's id of one call leg (Twilio: {@code CA} + 32 hex digits). */
public record CallSid(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{2,64}");

    public CallSid {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("'callSid' must be 2-64 letters, digits, '_' or '-', got '" + value + "'");
        }
    }

    public static CallSid of(String value) {
        return new CallSid(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
