package com.ethiq.core.management.identity;

import java.time.Instant;
import java.util.UUID;

/** What a successful login, refresh or credential change hands to the client. Never logged. */
public record SessionTokens(TokenIssuer.IssuedToken access, String refreshToken, Instant refreshExpiresAt, UUID sessionId) {
    @Override
    public String toString() {
        return "SessionTokens[session=" + sessionId + "]";
    }
}
