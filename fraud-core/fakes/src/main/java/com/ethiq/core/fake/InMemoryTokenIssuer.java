package com.ethiq.core.fake;

import com.ethiq.core.management.identity.AccessClaims;
import com.ethiq.core.management.identity.SecureTokens;
import com.ethiq.core.management.identity.TokenIssuer;
import com.ethiq.core.management.identity.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link TokenIssuer} with opaque random tokens remembered in memory, for use-case tests without JWT. Access
 * tokens live 10 minutes, challenges 5, by the injected clock. Thread-safe.
 */
public final class InMemoryTokenIssuer implements TokenIssuer {
    private final Clock clock;
    private final Map<String, AccessClaims> access = new HashMap<>();
    private final Map<String, Instant> accessExpiry = new HashMap<>();
    private final Map<String, SecondFactorChallenge> challenges = new HashMap<>();
    private final Map<String, Instant> challengeExpiry = new HashMap<>();

    public InMemoryTokenIssuer(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized IssuedToken issueAccess(SessionProof proof) {
        String value = SecureTokens.newToken();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        access.put(value, new AccessClaims(proof.user(), proof.sessionId(), proof.authTime(), proof.methods(), now, value));
        accessExpiry.put(value, now.plus(Duration.ofMinutes(10)));
        return new IssuedToken(value, now.plus(Duration.ofMinutes(10)));
    }

    @Override
    public synchronized IssuedToken issueSecondFactorChallenge(UserId user, Instant authTime) {
        String value = SecureTokens.newToken();
        Instant expires = clock.instant().plus(Duration.ofMinutes(5));
        challenges.put(value, new SecondFactorChallenge(user, authTime, value));
        challengeExpiry.put(value, expires);
        return new IssuedToken(value, expires);
    }

    @Override
    public synchronized Optional<SecondFactorChallenge> verifySecondFactorChallenge(String token) {
        Instant exp = challengeExpiry.get(token);
        return exp != null && clock.instant().isBefore(exp) ? Optional.of(challenges.get(token)) : Optional.empty();
    }

    /** What the host's verifier would return for a live access token. */
    public synchronized Optional<AccessClaims> verifyAccess(String token) {
        Instant exp = accessExpiry.get(token);
        return exp != null && clock.instant().isBefore(exp) ? Optional.of(access.get(token)) : Optional.empty();
    }
}
