package com.ethiq.core.fake;

import com.ethiq.core.domain.Secret;
import com.ethiq.core.management.identity.TotpState;
import com.ethiq.core.management.identity.TwoFactorSecrets;
import com.ethiq.core.management.identity.UserId;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** In-memory {@link TwoFactorSecrets} (seeds in clear in memory: tests and the embedded demo only). Thread-safe. */
public final class InMemoryTwoFactorSecrets implements TwoFactorSecrets {
    private final Map<UserId, TotpState> states = new HashMap<>();
    private final Map<UserId, Set<String>> codes = new HashMap<>();

    @Override
    public synchronized Optional<TotpState> find(UserId user) {
        return Optional.ofNullable(states.get(user));
    }

    @Override
    public synchronized boolean savePending(UserId user, Secret seed, Instant at) {
        TotpState s = states.get(user);
        if (s != null && s.confirmed()) {
            return false;
        }
        states.put(user, new TotpState(user, seed, false, -1, at, null));
        return true;
    }

    @Override
    public synchronized boolean confirm(UserId user, long step, Instant at) {
        TotpState s = states.get(user);
        if (s == null || s.confirmed()) {
            return false;
        }
        states.put(user, new TotpState(user, s.seed(), true, step, s.createdAt(), at));
        return true;
    }

    @Override
    public synchronized boolean acceptStep(UserId user, long step) {
        TotpState s = states.get(user);
        if (s == null || !s.confirmed() || step <= s.lastAcceptedStep()) {
            return false;
        }
        states.put(user, new TotpState(user, s.seed(), true, step, s.createdAt(), s.confirmedAt()));
        return true;
    }

    @Override
    public synchronized void disable(UserId user) {
        states.remove(user);
        codes.remove(user);
    }

    @Override
    public synchronized void replaceRecoveryCodes(UserId user, List<String> codeHashes, Instant at) {
        codes.put(user, new HashSet<>(codeHashes));
    }

    @Override
    public synchronized boolean consumeRecoveryCode(UserId user, String codeHash, Instant at) {
        Set<String> mine = codes.get(user);
        return mine != null && mine.remove(codeHash);
    }

    @Override
    public synchronized int remainingRecoveryCodes(UserId user) {
        return codes.getOrDefault(user, Set.of()).size();
    }
}
