package com.ethiq.adapter.supabase.identity;

import static com.ethiq.adapter.supabase.identity.IdentityTransactions.instant;
import static com.ethiq.adapter.supabase.identity.IdentityTransactions.ts;

import com.ethiq.adapter.supabase.SecretCipher;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.management.identity.TotpState;
import com.ethiq.core.management.identity.TwoFactorSecrets;
import com.ethiq.core.management.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link TwoFactorSecrets} on PostgreSQL, as the user under row-level security. Seeds are sealed with the store's
 * {@link SecretCipher} (AES-256-GCM, bound to the user and the column, key id for rotation) before they leave
 * the process. Step acceptance and recovery-code use are single conditional UPDATEs. Thread-safe.
 */
public final class JdbiTwoFactorSecrets implements TwoFactorSecrets {
    static final String SEED_COLUMN = "totp_secrets.seed";
    private final IdentityTransactions tx;
    private final SecretCipher cipher;

    JdbiTwoFactorSecrets(IdentityTransactions tx, SecretCipher cipher) {
        this.tx = tx;
        this.cipher = cipher;
    }

    @Override
    public Optional<TotpState> find(UserId user) {
        return tx.inUser(user, h -> h.createQuery("""
                        select seed_sealed, confirmed, last_step, created_at, confirmed_at from ethiq.totp_secrets where user_id = :u""")
                .bind("u", user.value())
                .map((rs, ctx) -> new TotpState(user, Secret.of(cipher.openText(user.value(), SEED_COLUMN, rs.getString("seed_sealed"))),
                        rs.getBoolean("confirmed"), rs.getLong("last_step"), instant(rs, "created_at"), instant(rs, "confirmed_at")))
                .findOne());
    }

    @Override
    public boolean savePending(UserId user, Secret seed, Instant at) {
        String sealed = cipher.sealText(user.value(), SEED_COLUMN, seed.reveal());
        return tx.inUser(user, h -> h.createUpdate("""
                        insert into ethiq.totp_secrets (user_id, seed_sealed, confirmed, last_step, created_at)
                        values (:u, :seed, false, -1, :at)
                        on conflict (user_id) do update
                           set seed_sealed = excluded.seed_sealed, last_step = -1, created_at = excluded.created_at,
                               confirmed_at = null
                         where ethiq.totp_secrets.confirmed = false""")
                .bind("u", user.value()).bind("seed", sealed).bind("at", ts(at)).execute()) == 1;
    }

    @Override
    public boolean confirm(UserId user, long step, Instant at) {
        return tx.inUser(user, h -> h.createUpdate("""
                        update ethiq.totp_secrets set confirmed = true, last_step = :s, confirmed_at = :at
                         where user_id = :u and confirmed = false""")
                .bind("s", step).bind("at", ts(at)).bind("u", user.value()).execute()) == 1;
    }

    @Override
    public boolean acceptStep(UserId user, long step) {
        return tx.inUser(user, h -> h.createUpdate("""
                        update ethiq.totp_secrets set last_step = :s where user_id = :u and confirmed and last_step < :s""")
                .bind("s", step).bind("u", user.value()).execute()) == 1;
    }

    @Override
    public void disable(UserId user) {
        tx.inUser(user, h -> {
            h.createUpdate("delete from ethiq.recovery_codes where user_id = :u").bind("u", user.value()).execute();
            return h.createUpdate("delete from ethiq.totp_secrets where user_id = :u").bind("u", user.value()).execute();
        });
    }

    @Override
    public void replaceRecoveryCodes(UserId user, List<String> codeHashes, Instant at) {
        tx.inUser(user, h -> {
            h.createUpdate("delete from ethiq.recovery_codes where user_id = :u").bind("u", user.value()).execute();
            PreparedBatch batch = h.prepareBatch("insert into ethiq.recovery_codes (user_id, code_hash, created_at) values (:u, :c, :at)");
            for (String c : codeHashes) {
                batch.bind("u", user.value()).bind("c", c).bind("at", ts(at)).add();
            }
            return codeHashes.isEmpty() ? null : batch.execute();
        });
    }

    @Override
    public boolean consumeRecoveryCode(UserId user, String codeHash, Instant at) {
        return tx.inUser(user, h -> h.createUpdate("""
                        update ethiq.recovery_codes set used_at = :at where user_id = :u and code_hash = :c and used_at is null""")
                .bind("at", ts(at)).bind("u", user.value()).bind("c", codeHash).execute()) == 1;
    }

    @Override
    public int remainingRecoveryCodes(UserId user) {
        return tx.inUser(user, h -> h.createQuery("select count(*) from ethiq.recovery_codes where user_id = :u and used_at is null")
                .bind("u", user.value()).mapTo(Integer.class).one());
    }
}
