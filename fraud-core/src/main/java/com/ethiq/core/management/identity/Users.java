package com.ethiq.core.management.identity;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port: the people who sign in. Not scoped to a tenant (a user exists before any membership); the
 * management use cases only ever reach users through a verified token or a membership. Thread-safe.
 */
public interface Users {

    /** Stores a new user; an e-mail already taken raises {@link com.ethiq.core.port.ConflictException}. */
    void create(User user);

    Optional<User> findById(UserId id);

    Optional<User> findByEmail(EmailAddress email);

    /** The users among {@code ids} that exist, in no particular order. */
    List<User> findAll(Collection<UserId> ids);

    /** Replaces the password hash; when {@code tokensValidAfter} is not null, also ends older tokens. False if absent. */
    boolean updatePassword(UserId id, String passwordHash, Instant tokensValidAfter);

    boolean updateDisplayName(UserId id, String displayName);

    /** Access tokens issued before {@code instant} stop working. False if absent. */
    boolean updateTokensValidAfter(UserId id, Instant instant);

    boolean updateDisabled(UserId id, boolean disabled);
}
