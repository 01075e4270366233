package com.ethiq.core.management.identity;

import java.util.Objects;
import java.util.UUID;

/** Identifies one person who signs in (a user may be a member of several accounts). */
public record UserId(UUID value) {
    public UserId {
        Objects.requireNonNull(value, "'userId' must not be null");
    }

    public static UserId of(String text) {
        try {
            return new UserId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'userId' must be a UUID, got '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
