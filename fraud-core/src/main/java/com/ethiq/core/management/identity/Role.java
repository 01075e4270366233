package com.ethiq.core.management.identity;

import java.util.Locale;

/** A member's role in one account. The permissions of each role are in {@link PermissionMatrix}. */
public enum Role {
    OWNER,
    ADMIN,
    VIEWER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String text) {
        if (text != null) {
            for (Role r : values()) {
                if (r.wire().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("'role' must be one of owner, admin, viewer, got '" + text + "'");
    }
}
