package com.ethiq.core.management.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Outgoing port: stored refresh tokens (hashes only), grouped in families (sessions). {@link #consume} is the one
 * atomic step of rotation: of two concurrent uses of the same token exactly one wins. Thread-safe, and safe across
 * processes sharing the store.
 */
public interface RefreshTokens {

    void store(RefreshToken token);

    /**
     * Marks the token with this hash used, if it is live at {@code now} (not used, not revoked, not expired), and
     * returns it. Otherwise tells whether it had been used before (a replay) or is simply not valid.
     */
    Consumption consume(String tokenHash, Instant now);

    /** Revokes every live token of the user's family; returns how many (0 for another user's family). */
    int revokeFamily(UserId user, UUID familyId, Instant now);

    /** Revokes every live token of the user (password change, 2FA change, disable); returns how many. */
    int revokeAll(UserId user, Instant now);

    /** True while the user's family has a live token (the session is open). */
    boolean familyActive(UserId user, UUID familyId, Instant now);

    /** The user's live tokens, one per open session, newest first. */
    List<RefreshToken> live(UserId user, Instant now);

    /** Outcome of {@link #consume}. */
    sealed interface Consumption permits Consumed, Replayed, Invalid {
    }

    /** The token was live and is now used: issue its successor. */
    record Consumed(RefreshToken token) implements Consumption {
    }

    /** The token had already been used: someone replays it. The family must be revoked. */
    record Replayed(RefreshToken token) implements Consumption {
    }

    /** Unknown, expired or revoked. */
    record Invalid() implements Consumption {
    }
}
