package com.ethiq.adapter.supabase.identity;

import static com.ethiq.adapter.supabase.identity.IdentityTransactions.instant;
import static com.ethiq.adapter.supabase.identity.IdentityTransactions.ts;
import static com.ethiq.adapter.supabase.identity.IdentityTransactions.uuid;

import com.ethiq.core.management.identity.EmailAddress;
import com.ethiq.core.management.identity.User;
import com.ethiq.core.management.identity.UserId;
import com.ethiq.core.management.identity.Users;
import com.ethiq.core.port.ConflictException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * {@link Users} on PostgreSQL. The users table is platform-only (V50): the app role never sees password hashes.
 * Lookups by e-mail happen before anyone is authenticated, member directories cross users: both are the
 * platform path by nature. Thread-safe.
 */
public final class JdbiUsers implements Users {
    private static final String COLUMNS = "id, email, display_name, password_hash, is_operator, disabled, tokens_valid_after, created_at";
    private final IdentityTransactions tx;

    JdbiUsers(IdentityTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void create(User user) {
        if (user.operator()) {
            throw new IllegalArgumentException("operators are granted out of band, not created");
        }
        try {
            tx.onPlatform(h -> h.createUpdate("""
                            insert into ethiq.users (id, email, password_hash, display_name, disabled, tokens_valid_after,
                                                     created_at, updated_at)
                            values (:id, :email, :hash, :name, :disabled, :tva, :created, :created)""")
                    .bind("id", user.id().value()).bind("email", user.email().value()).bind("hash", user.passwordHash())
                    .bind("name", user.displayName()).bind("disabled", user.disabled()).bind("tva", ts(user.tokensValidAfter()))
                    .bind("created", ts(user.createdAt())).execute());
        } catch (ConflictException e) {
            throw new ConflictException("'email' is already registered", e);
        }
    }

    @Override
    public Optional<User> findById(UserId id) {
        return tx.platformRead(h -> h.createQuery("select " + COLUMNS + " from ethiq.users where id = :id")
                .bind("id", id.value()).map((rs, ctx) -> user(rs)).findOne());
    }

    @Override
    public Optional<User> findByEmail(EmailAddress email) {
        return tx.platformRead(h -> h.createQuery("select " + COLUMNS + " from ethiq.users where email = :email")
                .bind("email", email.value()).map((rs, ctx) -> user(rs)).findOne());
    }

    @Override
    public List<User> findAll(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        UUID[] array = ids.stream().map(UserId::value).distinct().toArray(UUID[]::new);
        return tx.platformRead(h -> h.createQuery("select " + COLUMNS + " from ethiq.users where id = any(:ids)")
                .bind("ids", array).map((rs, ctx) -> user(rs)).list());
    }

    @Override
    public boolean updatePassword(UserId id, String passwordHash, Instant tokensValidAfter) {
        return tx.onPlatform(h -> h.createUpdate("""
                        update ethiq.users set password_hash = :hash,
                               tokens_valid_after = coalesce(:tva, tokens_valid_after), updated_at = now()
                         where id = :id""")
                .bind("hash", passwordHash).bind("tva", ts(tokensValidAfter)).bind("id", id.value()).execute()) == 1;
    }

    @Override
    public boolean updateDisplayName(UserId id, String displayName) {
        return update(id, "display_name = :v", displayName);
    }

    @Override
    public boolean updateTokensValidAfter(UserId id, Instant instant) {
        return tx.onPlatform(h -> h.createUpdate("update ethiq.users set tokens_valid_after = :v, updated_at = now() where id = :id")
                .bind("v", ts(instant)).bind("id", id.value()).execute()) == 1;
    }

    @Override
    public boolean updateDisabled(UserId id, boolean disabled) {
        return update(id, "disabled = :v", disabled);
    }

    private boolean update(UserId id, String set, Object value) {
        // set is one of the fixed fragments above, never input
        return tx.onPlatform((Handle h) -> h.createUpdate("update ethiq.users set " + set + ", updated_at = now() where id = :id")
                .bind("v", value).bind("id", id.value()).execute()) == 1;
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(new UserId(uuid(rs, "id")), EmailAddress.of(rs.getString("email")), rs.getString("display_name"),
                rs.getString("password_hash"), rs.getBoolean("is_operator"), rs.getBoolean("disabled"),
                instant(rs, "tokens_valid_after"), instant(rs, "created_at"));
    }
}
