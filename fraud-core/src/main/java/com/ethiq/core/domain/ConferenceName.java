package com.ethiq.core.domain;

import java.util.regex.Pattern;

/**
 * The tenant-scoped conference a protected call happens in. Opaque on purpose (no phone number inside, as the
 * telephony provider advises): {@code Conf-{tenantId}-{callSid}}.
 */
public record ConferenceName(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{3,128}");

    public ConferenceName {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("'conferenceName' must be 3-128 letters, digits, '_' or '-', got '" + value + "'");
        }
    }

    public static ConferenceName forCall(TenantId tenant, CallSid callSid) {
        return new ConferenceName("Conf-" + tenant.value() + "-" + callSid.value());
    }

    @Override
    public String toString() {
        return value;
    }
}
