package com.ethiq.core.fake;

import com.ethiq.core.management.identity.RefreshToken;
import com.ethiq.core.management.identity.RefreshTokens;
import com.ethiq.core.management.identity.UserId;
import com.ethiq.core.port.ConflictException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** In-memory {@link RefreshTokens}; {@link #consume} is atomic under the object's lock. Thread-safe. */
public final class InMemoryRefreshTokens implements RefreshTokens {
    private final Map<String, RefreshToken> byHash = new LinkedHashMap<>();

    @Override
    public synchronized void store(RefreshToken token) {
        if (byHash.containsKey(token.tokenHash())) {
            throw new ConflictException("refresh token already stored");
        }
        byHash.put(token.tokenHash(), token);
    }

    @Override
    public synchronized Consumption consume(String tokenHash, Instant now) {
        RefreshToken t = byHash.get(tokenHash);
        if (t == null) {
            return new Invalid();
        }
        if (t.usedAt() != null) {
            return new Replayed(t);
        }
        if (!t.live(now)) {
            return new Invalid();
        }
        RefreshToken used = with(t, now, t.revokedAt());
        byHash.put(tokenHash, used);
        return new Consumed(used);
    }

    @Override
    public synchronized int revokeFamily(UserId user, UUID familyId, Instant now) {
        return revokeWhere(t -> t.user().equals(user) && t.familyId().equals(familyId), now);
    }

    @Override
    public synchronized int revokeAll(UserId user, Instant now) {
        return revokeWhere(t -> t.user().equals(user), now);
    }

    private int revokeWhere(java.util.function.Predicate<RefreshToken> p, Instant now) {
        int n = 0;
        for (Map.Entry<String, RefreshToken> e : byHash.entrySet()) {
            RefreshToken t = e.getValue();
            if (p.test(t) && t.revokedAt() == null && t.usedAt() == null) {
                e.setValue(with(t, t.usedAt(), now));
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized boolean familyActive(UserId user, UUID familyId, Instant now) {
        return byHash.values().stream().anyMatch(t -> t.user().equals(user) && t.familyId().equals(familyId) && t.live(now));
    }

    @Override
    public synchronized List<RefreshToken> live(UserId user, Instant now) {
        return byHash.values().stream().filter(t -> t.user().equals(user) && t.live(now))
                .sorted(Comparator.comparing(RefreshToken::issuedAt).reversed()).toList();
    }

    private static RefreshToken with(RefreshToken t, Instant usedAt, Instant revokedAt) {
        return new RefreshToken(t.id(), t.familyId(), t.user(), t.tokenHash(), t.issuedAt(), t.expiresAt(),
                t.familyExpiresAt(), usedAt, revokedAt, t.authTime(), t.methods(), t.origin(), t.familyCreatedAt());
    }
}
