package com.ethiq.core.fake;

import com.ethiq.core.management.identity.EmailAddress;
import com.ethiq.core.management.identity.User;
import com.ethiq.core.management.identity.UserId;
import com.ethiq.core.management.identity.Users;
import com.ethiq.core.port.ConflictException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** In-memory {@link Users}. Thread-safe. */
public final class InMemoryUsers implements Users {
    private final Map<UserId, User> byId = new HashMap<>();

    @Override
    public synchronized void create(User user) {
        if (byId.containsKey(user.id()) || byId.values().stream().anyMatch(u -> u.email().equals(user.email()))) {
            throw new ConflictException("'email' is already registered");
        }
        byId.put(user.id(), user);
    }

    @Override
    public synchronized Optional<User> findById(UserId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<User> findByEmail(EmailAddress email) {
        return byId.values().stream().filter(u -> u.email().equals(email)).findFirst();
    }

    @Override
    public synchronized List<User> findAll(Collection<UserId> ids) {
        return ids.stream().map(byId::get).filter(u -> u != null).distinct().toList();
    }

    @Override
    public boolean updatePassword(UserId id, String passwordHash, Instant tokensValidAfter) {
        return change(id, u -> new User(u.id(), u.email(), u.displayName(), passwordHash, u.operator(), u.disabled(),
                tokensValidAfter != null ? tokensValidAfter : u.tokensValidAfter(), u.createdAt()));
    }

    @Override
    public boolean updateDisplayName(UserId id, String displayName) {
        return change(id, u -> new User(u.id(), u.email(), displayName, u.passwordHash(), u.operator(), u.disabled(),
                u.tokensValidAfter(), u.createdAt()));
    }

    @Override
    public boolean updateTokensValidAfter(UserId id, Instant instant) {
        return change(id, u -> new User(u.id(), u.email(), u.displayName(), u.passwordHash(), u.operator(), u.disabled(),
                instant, u.createdAt()));
    }

    @Override
    public boolean updateDisabled(UserId id, boolean disabled) {
        return change(id, u -> new User(u.id(), u.email(), u.displayName(), u.passwordHash(), u.operator(), disabled,
                u.tokensValidAfter(), u.createdAt()));
    }

    /** Grants or withdraws the platform-operator role (done out of band in production). */
    public boolean setOperator(UserId id, boolean operator) {
        return change(id, u -> new User(u.id(), u.email(), u.displayName(), u.passwordHash(), operator, u.disabled(),
                u.tokensValidAfter(), u.createdAt()));
    }

    private synchronized boolean change(UserId id, UnaryOperator<User> f) {
        User u = byId.get(id);
        if (u == null) {
            return false;
        }
        byId.put(id, f.apply(u));
        return true;
    }
}
