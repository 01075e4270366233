package com.ethiq.core.management.identity;

import com.ethiq.core.port.IdGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Opens sessions (a new refresh-token family) and rotates them. Shared by the identity use cases. Thread-safe. */
public final class SessionIssuer {
    private final RefreshTokens refreshTokens;
    private final TokenIssuer tokens;
    private final IdGenerator ids;
    private final Clock clock;
    private final IdentitySettings settings;

    public SessionIssuer(RefreshTokens refreshTokens, TokenIssuer tokens, IdGenerator ids, Clock clock, IdentitySettings settings) {
        this.refreshTokens = refreshTokens;
        this.tokens = tokens;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
    }

    SessionTokens open(UserId user, Set<AuthMethod> methods, RequestOrigin origin) {
        Instant now = clock.instant();
        UUID family = ids.newId();
        Instant familyEnd = now.plus(settings.sessionMax());
        return next(user, family, now, familyEnd, now, methods, origin);
    }

    SessionTokens rotate(RefreshToken used, RequestOrigin origin) {
        return next(used.user(), used.familyId(), used.familyCreatedAt(), used.familyExpiresAt(), used.authTime(),
                used.methods(), origin);
    }

    private SessionTokens next(UserId user, UUID family, Instant familyCreated, Instant familyEnd, Instant authTime,
                               Set<AuthMethod> methods, RequestOrigin origin) {
        Instant now = clock.instant();
        String value = SecureTokens.newToken();
        Instant idleEnd = now.plus(settings.refreshIdle());
        Instant expires = idleEnd.isAfter(familyEnd) ? familyEnd : idleEnd;
        refreshTokens.store(new RefreshToken(ids.newId(), family, user, SecureTokens.sha256Hex(value), now, expires,
                familyEnd, null, null, authTime, methods, origin, familyCreated));
        TokenIssuer.IssuedToken access = tokens.issueAccess(new TokenIssuer.SessionProof(user, family, authTime, methods));
        return new SessionTokens(access, value, expires, family);
    }

    /** A new access token for an existing session, after a step-up. */
    TokenIssuer.IssuedToken reissue(UserId user, UUID family, Instant authTime, Set<AuthMethod> methods) {
        return tokens.issueAccess(new TokenIssuer.SessionProof(user, family, authTime, methods));
    }
}
