package com.ethiq.core.domain;

import java.util.Objects;

/** A secret value (auth token, API key). Never printed: {@code toString()} masks it. */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "'secret' must not be null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("'secret' must not be empty");
        }
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The clear value: call only where the vendor needs it. */
    public String reveal() {
        return value;
    }

    /** The last four characters, for "set, ends with …1234" displays. */
    public String lastFour() {
        return value.length() <= 4 ? "****" : value.substring(value.length() - 4);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8), other.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // deliberately constant: secrets are not hash keys
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
