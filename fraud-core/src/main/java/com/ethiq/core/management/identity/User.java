package com.ethiq.core.management.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * A person who signs in. {@code passwordHash} is a PHC string (never the password). {@code tokensValidAfter}
 * kills every access token issued before it (password or 2FA change, disable). {@code operator} marks platform
 * operators, a role granted out of band, never through the API.
 */
public record User(UserId id, EmailAddress email, String displayName, String passwordHash, boolean operator,
                   boolean disabled, Instant tokensValidAfter, Instant createdAt) {
    public User {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(email, "'email' must not be null");
        displayName = displayName == null ? "" : displayName.strip();
        if (displayName.length() > 120) {
            throw new IllegalArgumentException("'displayName' must be at most 120 characters");
        }
        Objects.requireNonNull(passwordHash, "'passwordHash' must not be null");
        Objects.requireNonNull(tokensValidAfter, "'tokensValidAfter' must not be null");
        Objects.requireNonNull(createdAt, "'createdAt' must not be null");
    }

    public static User signUp(UserId id, EmailAddress email, String displayName, String passwordHash, Instant now) {
        return new User(id, email, displayName, passwordHash, false, false, now, now);
    }

    @Override
    public String toString() {
        return "User[" + id + ", operator=" + operator + ", disabled=" + disabled + "]";
    }
}
