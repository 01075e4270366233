package com.ethiq.adapter.supabase.identity;

import static com.ethiq.adapter.supabase.identity.IdentityTransactions.instant;
import static com.ethiq.adapter.supabase.identity.IdentityTransactions.ts;
import static com.ethiq.adapter.supabase.identity.IdentityTransactions.uuid;

import com.ethiq.core.management.identity.AuthMethod;
import com.ethiq.core.management.identity.RefreshToken;
import com.ethiq.core.management.identity.RefreshTokens;
import com.ethiq.core.management.identity.RequestOrigin;
import com.ethiq.core.management.identity.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link RefreshTokens} on PostgreSQL. Rotation is one atomic {@code UPDATE … WHERE used_at IS NULL … RETURNING},
 * run as the token's user under row-level security; the only step outside the user's scope is finding whose
 * token a hash is (a platform read of two columns). Thread-safe, and safe across nodes.
 */
public final class JdbiRefreshTokens implements RefreshTokens {
    private static final String COLUMNS = """
            id, family_id, user_id, token_hash, issued_at, expires_at, family_expires_at, family_created_at, used_at,
            revoked_at, auth_time, methods, ip, user_agent""";
    private final IdentityTransactions tx;

    JdbiRefreshTokens(IdentityTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void store(RefreshToken t) {
        tx.inUser(t.user(), h -> h.createUpdate("""
                        insert into ethiq.refresh_tokens (id, family_id, user_id, token_hash, issued_at, expires_at,
                            family_expires_at, family_created_at, used_at, revoked_at, auth_time, methods, ip, user_agent)
                        values (:id, :family, :user, :hash, :issued, :expires, :familyExpires, :familyCreated, :used, :revoked,
                                :authTime, :methods, :ip, :ua)""")
                .bind("id", t.id()).bind("family", t.familyId()).bind("user", t.user().value()).bind("hash", t.tokenHash())
                .bind("issued", ts(t.issuedAt())).bind("expires", ts(t.expiresAt())).bind("familyExpires", ts(t.familyExpiresAt()))
                .bind("familyCreated", ts(t.familyCreatedAt())).bind("used", ts(t.usedAt())).bind("revoked", ts(t.revokedAt()))
                .bind("authTime", ts(t.authTime()))
                .bindArray("methods", String.class, t.methods().stream().map(AuthMethod::wire).sorted().toList())
                .bind("ip", t.origin().ip()).bind("ua", t.origin().userAgent()).execute());
    }

    @Override
    public Consumption consume(String tokenHash, Instant now) {
        Optional<UUID> owner = tx.platformRead(h -> h.createQuery("select user_id from ethiq.refresh_tokens where token_hash = :h")
                .bind("h", tokenHash).map((rs, ctx) -> uuid(rs, "user_id")).findOne());
        if (owner.isEmpty()) {
            return new Invalid();
        }
        return tx.inUser(new UserId(owner.get()), h -> {
            Optional<RefreshToken> used = h.createQuery("update ethiq.refresh_tokens set used_at = :now "
                            + "where token_hash = :h and used_at is null and revoked_at is null and expires_at > :now "
                            + "returning " + COLUMNS)
                    .bind("now", ts(now)).bind("h", tokenHash).map((rs, ctx) -> token(rs)).findOne();
            if (used.isPresent()) {
                return new Consumed(used.get());
            }
            Optional<RefreshToken> seen = h.createQuery("select " + COLUMNS + " from ethiq.refresh_tokens where token_hash = :h")
                    .bind("h", tokenHash).map((rs, ctx) -> token(rs)).findOne();
            return seen.filter(t -> t.usedAt() != null).<Consumption>map(Replayed::new).orElse(new Invalid());
        });
    }

    @Override
    public int revokeFamily(UserId user, UUID familyId, Instant now) {
        return tx.inUser(user, h -> h.createUpdate("""
                        update ethiq.refresh_tokens set revoked_at = :now
                         where user_id = :u and family_id = :f and revoked_at is null and used_at is null""")
                .bind("now", ts(now)).bind("u", user.value()).bind("f", familyId).execute());
    }

    @Override
    public int revokeAll(UserId user, Instant now) {
        return tx.inUser(user, h -> h.createUpdate("""
                        update ethiq.refresh_tokens set revoked_at = :now
                         where user_id = :u and revoked_at is null and used_at is null""")
                .bind("now", ts(now)).bind("u", user.value()).execute());
    }

    @Override
    public boolean familyActive(UserId user, UUID familyId, Instant now) {
        return tx.inUser(user, h -> h.createQuery("""
                        select exists (select 1 from ethiq.refresh_tokens
                                        where user_id = :u and family_id = :f and used_at is null and revoked_at is null
                                          and expires_at > :now)""")
                .bind("u", user.value()).bind("f", familyId).bind("now", ts(now)).mapTo(Boolean.class).one());
    }

    @Override
    public List<RefreshToken> live(UserId user, Instant now) {
        return tx.inUser(user, h -> h.createQuery("select " + COLUMNS + """
                         from ethiq.refresh_tokens
                        where user_id = :u and used_at is null and revoked_at is null and expires_at > :now
                        order by issued_at desc, id""")
                .bind("u", user.value()).bind("now", ts(now)).map((rs, ctx) -> token(rs)).list());
    }

    private static RefreshToken token(ResultSet rs) throws SQLException {
        Set<AuthMethod> methods = EnumSet.noneOf(AuthMethod.class);
        for (Object m : (Object[]) rs.getArray("methods").getArray()) {
            methods.add(AuthMethod.fromWire((String) m));
        }
        return new RefreshToken(uuid(rs, "id"), uuid(rs, "family_id"), new UserId(uuid(rs, "user_id")), rs.getString("token_hash"),
                instant(rs, "issued_at"), instant(rs, "expires_at"), instant(rs, "family_expires_at"), instant(rs, "used_at"),
                instant(rs, "revoked_at"), instant(rs, "auth_time"), methods,
                new RequestOrigin(rs.getString("ip"), rs.getString("user_agent")), instant(rs, "family_created_at"));
    }
}
