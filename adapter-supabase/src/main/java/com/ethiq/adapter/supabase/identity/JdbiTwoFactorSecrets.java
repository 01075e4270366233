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

    /** What a TOTP re-seal run did; {@code failed} seeds could not be opened with any key of the keyring (left as they were). */
    public record ResealReport(int resealed, int failed) {
    }

    /**
     * Key rotation of TOTP seeds: lists (as the platform role, which sees key ids and never seeds, V87) the users whose
     * seed is sealed with another key than the active one, then re-seals each in that user's own unit of work. Safe to
     * re-run and to run beside logins (a seed changed meanwhile is left to the next run).
     */
    public ResealReport resealAll() {
        String active = cipher.keyring().activeKeyId();
        int resealed = 0;
        int failed = 0;
        java.util.UUID after = new java.util.UUID(0, 0);
        while (true) {
            java.util.UUID from = after;
            List<java.util.UUID> users = tx.platformRead(h -> h.createQuery("""
                            select user_id from ethiq.totp_secrets where key_id <> :active and user_id > :after
                             order by user_id limit 100""")
                    .bind("active", active).bind("after", from).mapTo(java.util.UUID.class).list());
            for (java.util.UUID id : users) {
                UserId user = new UserId(id);
                try {
                    resealed += tx.inUser(user, h -> {
                        Optional<String> sealed = h.createQuery("select seed_sealed from ethiq.totp_secrets where user_id = :u for update")
                                .bind("u", id).mapTo(String.class).findOne();
                        if (sealed.isEmpty() || !cipher.needsRewrap(sealed.get())) {
                            return 0;
                        }
                        String seed = cipher.openText(id, SEED_COLUMN, sealed.get());
                        return h.createUpdate("update ethiq.totp_secrets set seed_sealed = :s where user_id = :u and seed_sealed = :old")
                                .bind("s", cipher.sealText(id, SEED_COLUMN, seed)).bind("u", id).bind("old", sealed.get()).execute();
                    });
                } catch (SecretCipher.UnreadableSecretException e) {
                    failed++;
                    org.slf4j.LoggerFactory.getLogger(JdbiTwoFactorSecrets.class)
                            .warn("re-seal: the TOTP seed of user {} cannot be opened: {}", id, e.getMessage());
                }
            }
            if (users.size() < 100) {
                break;
            }
            after = users.get(users.size() - 1);
        }
        return new ResealReport(resealed, failed);
    }

    /** How many TOTP seeds each key seals (key ids only, read as the platform role). */
    public java.util.Map<String, Integer> sealedByKey() {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        tx.platformRead(h -> h.createQuery("select key_id, count(*)::int as n from ethiq.totp_secrets group by key_id")
                .map((rs, ctx) -> counts.put(rs.getString("key_id"), rs.getInt("n"))).list());
        return counts;
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
