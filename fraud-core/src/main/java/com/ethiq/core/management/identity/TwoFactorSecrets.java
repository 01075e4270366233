package com.ethiq.core.management.identity;

import com.ethiq.core.domain.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port: users' TOTP seeds (encrypted at rest by the adapter) and the hashes of their recovery codes.
 * Step acceptance and recovery-code use are atomic so a code cannot be used twice, even on two nodes at once.
 * Thread-safe.
 */
public interface TwoFactorSecrets {

    Optional<TotpState> find(UserId user);

    /** Stores a new, unconfirmed seed, replacing any unconfirmed one. Refused (false) if a confirmed one exists. */
    boolean savePending(UserId user, Secret seed, Instant at);

    /** Confirms the pending seed with the step of its first valid code. False if there is nothing pending. */
    boolean confirm(UserId user, long step, Instant at);

    /** Records {@code step} as used if it is later than the last accepted one; false means replay. */
    boolean acceptStep(UserId user, long step);

    /** Removes the seed and every recovery code. */
    void disable(UserId user);

    /** Replaces all recovery codes with these SHA-256 hashes. */
    void replaceRecoveryCodes(UserId user, List<String> codeHashes, Instant at);

    /** Uses the recovery code with this hash, once. False if unknown or already used. */
    boolean consumeRecoveryCode(UserId user, String codeHash, Instant at);

    int remainingRecoveryCodes(UserId user);
}
