package com.ethiq.core.management.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Outgoing port: signs the short-lived tokens a login produces (access tokens, the 2FA challenge between the
 * password and the code) and checks challenges. JWT in the app; each token type has its own audience. Thread-safe.
 */
public interface TokenIssuer {

    IssuedToken issueAccess(SessionProof proof);

    /** A token that lets its holder try a second factor for {@code user} within a few minutes. */
    IssuedToken issueSecondFactorChallenge(UserId user, Instant authTime);

    /** The user and password time of a valid, unexpired challenge; empty if the token is invalid in any way. */
    Optional<SecondFactorChallenge> verifySecondFactorChallenge(String token);

    /** What an access token asserts: who, which session, when and how they proved it. */
    record SessionProof(UserId user, UUID sessionId, Instant authTime, Set<AuthMethod> methods) {
        public SessionProof {
            Objects.requireNonNull(user, "'user' must not be null");
            Objects.requireNonNull(sessionId, "'sessionId' must not be null");
            Objects.requireNonNull(authTime, "'authTime' must not be null");
            methods = Set.copyOf(methods);
        }
    }

    record IssuedToken(String value, Instant expiresAt) {
        public IssuedToken {
            Objects.requireNonNull(value, "'value' must not be null");
            Objects.requireNonNull(expiresAt, "'expiresAt' must not be null");
        }

        @Override
        public String toString() {
            return "IssuedToken[****, expiresAt=" + expiresAt + "]";
        }
    }

    record SecondFactorChallenge(UserId user, Instant authTime, String tokenId) {
    }
}
