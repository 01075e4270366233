package com.ethiq.core.management.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** What a verified access token says (signature, issuer, audience and expiry already checked by the host). */
public record AccessClaims(UserId user, UUID sessionId, Instant authTime, Set<AuthMethod> methods, Instant issuedAt,
                           String tokenId) {
    public AccessClaims {
        Objects.requireNonNull(user, "'user' must not be null");
        Objects.requireNonNull(sessionId, "'sessionId' must not be null");
        Objects.requireNonNull(authTime, "'authTime' must not be null");
        methods = Set.copyOf(methods);
        Objects.requireNonNull(issuedAt, "'issuedAt' must not be null");
        Objects.requireNonNull(tokenId, "'tokenId' must not be null");
    }
}
