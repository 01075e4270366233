package com.ethiq.core.management.identity;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One stored refresh token. Only the SHA-256 of the token is kept ({@code tokenHash}, 64 hex digits). All tokens
 * of one login share a {@code familyId} (the session); each is used at most once ({@code usedAt}) and replaced by
 * its successor. {@code familyExpiresAt} is the session's absolute end; {@code expiresAt} this token's (idle) end.
 * {@code authTime} and {@code methods} carry the login's proof to the access tokens of the family.
 */
public record RefreshToken(UUID id, UUID familyId, UserId user, String tokenHash, Instant issuedAt, Instant expiresAt,
                           Instant familyExpiresAt, Instant usedAt, Instant revokedAt, Instant authTime,
                           Set<AuthMethod> methods, RequestOrigin origin, Instant familyCreatedAt) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public RefreshToken {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(familyId, "'familyId' must not be null");
        Objects.requireNonNull(user, "'user' must not be null");
        if (tokenHash == null || !HEX64.matcher(tokenHash).matches()) {
            throw new IllegalArgumentException("'tokenHash' must be 64 lower-case hex digits");
        }
        Objects.requireNonNull(issuedAt, "'issuedAt' must not be null");
        Objects.requireNonNull(expiresAt, "'expiresAt' must not be null");
        Objects.requireNonNull(familyExpiresAt, "'familyExpiresAt' must not be null");
        if (expiresAt.isAfter(familyExpiresAt)) {
            throw new IllegalArgumentException("'expiresAt' must not be after 'familyExpiresAt'");
        }
        Objects.requireNonNull(authTime, "'authTime' must not be null");
        methods = methods.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(methods));
        Objects.requireNonNull(origin, "'origin' must not be null");
        Objects.requireNonNull(familyCreatedAt, "'familyCreatedAt' must not be null");
    }

    public boolean live(Instant now) {
        return usedAt == null && revokedAt == null && now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "RefreshToken[" + id + ", family=" + familyId + ", user=" + user + "]";
    }
}
