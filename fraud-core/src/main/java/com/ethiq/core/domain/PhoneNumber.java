package com.ethiq.core.domain;

import java.util.regex.Pattern;

/** A phone number in E.164 form: '+', country code, at most 15 digits in all. */
public record PhoneNumber(String e164) {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    public PhoneNumber {
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("'phoneNumber' must be E.164, got '" + e164 + "'");
        }
    }

    public static PhoneNumber of(String e164) {
        return new PhoneNumber(e164);
    }

    public static boolean isValid(String candidate) {
        return candidate != null && E164.matcher(candidate).matches();
    }

    /** For logs: keeps the country code and the last two digits only. */
    public String masked() {
        int keep = Math.min(3, e164.length());
        return e164.substring(0, keep) + "*".repeat(Math.max(0, e164.length() - keep - 2)) + e164.substring(e164.length() - 2);
    }

    @Override
    public String toString() {
        return e164;
    }
}
