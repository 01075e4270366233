package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.TenantSecrets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TenantSecrets} on PostgreSQL, sealed with {@link SecretCipher} (AES-256-GCM, associated data = account id,
 * column and key id). Values are decrypted only in {@link #telephony}, {@link #speechServiceAccount} and
 * {@link #aiApiKey}; {@link #status} reads the stored last four characters and never decrypts. {@link #rewrapAll}
 * is the key-rotation job on the platform path. Thread-safe.
 */
public final class JdbiTenantSecrets implements TenantSecrets {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiTenantSecrets.class);
    private static final int REWRAP_BATCH = 100;

    private final TenantTransactions tx;
    private final SecretCipher cipher;
    private final Clock clock;
    private final IdGenerator ids;

    JdbiTenantSecrets(TenantTransactions tx, SecretCipher cipher, Clock clock, IdGenerator ids) {
        this.tx = tx;
        this.cipher = cipher;
        this.clock = clock;
        this.ids = ids;
    }

    /** The column name bound into the associated data of each kind's ciphertext. */
    static String column(SecretKind kind) {
        return "tenant_credentials." + kind.name().toLowerCase(Locale.ROOT);
    }

    private record Row(String accountSid, String ciphertext) {
    }

    private record Stored(UUID account, String kind, String ciphertext, String keyId) {
    }

    private record Batch(List<Stored> rows, int done, int failed) {
    }

    private Optional<Row> row(TenantId tenant, SecretKind kind) {
        return tx.inTenant(tenant, h -> h.createQuery("""
                        select account_sid, ciphertext from ethiq.tenant_credentials where account_id = :t and kind = :kind""")
                .bind("t", tenant.value())
                .bind("kind", kind.name().toLowerCase(Locale.ROOT))
                .map((rs, ctx) -> new Row(rs.getString("account_sid"), rs.getString("ciphertext")))
                .findOne());
    }

    private Secret open(TenantId tenant, SecretKind kind, Row row) {
        return Secret.of(cipher.openText(tenant.value(), column(kind), row.ciphertext()));
    }

    @Override
    public Optional<TelephonyCredentials> telephony(TenantId tenant) {
        return row(tenant, SecretKind.TELEPHONY_AUTH_TOKEN)
                .map(r -> new TelephonyCredentials(r.accountSid(), open(tenant, SecretKind.TELEPHONY_AUTH_TOKEN, r)));
    }

    @Override
    public Optional<Secret> speechServiceAccount(TenantId tenant) {
        return row(tenant, SecretKind.SPEECH_SERVICE_ACCOUNT).map(r -> open(tenant, SecretKind.SPEECH_SERVICE_ACCOUNT, r));
    }

    @Override
    public Optional<Secret> aiApiKey(TenantId tenant) {
        return row(tenant, SecretKind.AI_API_KEY).map(r -> open(tenant, SecretKind.AI_API_KEY, r));
    }

    @Override
    public void storeTelephony(TenantId tenant, TelephonyCredentials credentials) {
        Objects.requireNonNull(credentials, "'credentials' must not be null");
        store(tenant, SecretKind.TELEPHONY_AUTH_TOKEN, credentials.accountSid(), credentials.authToken());
    }

    @Override
    public void storeSecret(TenantId tenant, SecretKind kind, Secret secret) {
        Objects.requireNonNull(kind, "'kind' must not be null");
        Objects.requireNonNull(secret, "'secret' must not be null");
        if (kind == SecretKind.TELEPHONY_AUTH_TOKEN) {
            throw new IllegalArgumentException("telephony credentials need an account sid: use storeTelephony");
        }
        store(tenant, kind, null, secret);
    }

    private void store(TenantId tenant, SecretKind kind, String accountSid, Secret secret) {
        String sealed = cipher.sealText(tenant.value(), column(kind), secret.reveal());
        tx.inTenant(tenant, h -> h.createUpdate("""
                        insert into ethiq.tenant_credentials (account_id, kind, account_sid, ciphertext, key_id, last_four, updated_at)
                        values (:t, :kind, :sid, :ciphertext, :key_id, :last_four, :at)
                        on conflict (account_id, kind) do update
                           set account_sid = excluded.account_sid, ciphertext = excluded.ciphertext, key_id = excluded.key_id,
                               last_four = excluded.last_four, updated_at = excluded.updated_at""")
                .bind("t", tenant.value())
                .bind("kind", kind.name().toLowerCase(Locale.ROOT))
                .bind("sid", accountSid)
                .bind("ciphertext", sealed)
                .bind("key_id", SecretCipher.keyIdOf(sealed))
                .bind("last_four", secret.lastFour())
                .bind("at", Sql.ts(clock.instant()))
                .execute());
    }

    @Override
    public void remove(TenantId tenant, SecretKind kind) {
        tx.inTenant(tenant, h -> h.createUpdate("delete from ethiq.tenant_credentials where account_id = :t and kind = :kind")
                .bind("t", tenant.value())
                .bind("kind", kind.name().toLowerCase(Locale.ROOT))
                .execute());
    }

    @Override
    public Map<SecretKind, SecretStatus> status(TenantId tenant) {
        Map<SecretKind, SecretStatus> out = new EnumMap<>(SecretKind.class);
        for (SecretKind kind : SecretKind.values()) {
            out.put(kind, new SecretStatus(false, null, null));
        }
        tx.inTenant(tenant, h -> h.createQuery("select kind, last_four, updated_at from ethiq.tenant_credentials where account_id = :t")
                .bind("t", tenant.value())
                .map((rs, ctx) -> out.put(SecretKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                        new SecretStatus(true, rs.getString("last_four"), Sql.instant(rs, "updated_at"))))
                .list());
        return out;
    }

    /** How many credentials each key seals (key ids only, read as the platform role). */
    public Map<String, Integer> sealedByKey() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        tx.platformRead(h -> h.createQuery("select key_id, count(*)::int as n from ethiq.tenant_credentials group by key_id")
                .map((rs, ctx) -> counts.put(rs.getString("key_id"), rs.getInt("n"))).list());
        return counts;
    }

    /** What a re-wrap run did. {@code failed} values could not be opened with any key of the keyring (left as they were). */
    public record RewrapReport(int rewrapped, int failed) {
    }

    /**
     * Key rotation, platform path: re-seals under the active key every credential still sealed with another key,
     * in batches of 100 (one transaction each, rows locked with SKIP LOCKED so a concurrent run or write is not
     * blocked), and records one audit entry per tenant and batch. Safe to re-run; run it after making a new key
     * active and before removing the old one from the keyring.
     */
    public RewrapReport rewrapAll() {
        String active = cipher.keyring().activeKeyId();
        int rewrapped = 0;
        int failed = 0;
        UUID afterAccount = new UUID(0, 0);
        String afterKind = "";
        while (true) {
            UUID fromAccount = afterAccount;
            String fromKind = afterKind;
            Batch batch = tx.onPlatform(h -> {
                List<Stored> rows = h.createQuery("""
                                select account_id, kind, ciphertext, key_id from ethiq.tenant_credentials
                                 where key_id <> :active and (account_id, kind) > (:after_account, :after_kind)
                                 order by account_id, kind limit :batch
                                   for update skip locked""")
                        .bind("active", active)
                        .bind("after_account", fromAccount)
                        .bind("after_kind", fromKind)
                        .bind("batch", REWRAP_BATCH)
                        .map((rs, ctx) -> new Stored(Sql.uuid(rs, "account_id"), rs.getString("kind"), rs.getString("ciphertext"),
                                rs.getString("key_id")))
                        .list();
                int done = 0;
                int bad = 0;
                Map<UUID, List<String>> kindsByTenant = new java.util.LinkedHashMap<>();
                for (Stored s : rows) {
                    String column = "tenant_credentials." + s.kind();
                    byte[] plain;
                    try {
                        plain = cipher.open(s.account(), column, s.ciphertext());
                    } catch (SecretCipher.UnreadableSecretException e) {
                        bad++;
                        LOG.warn("re-wrap: a {} credential of account {} cannot be opened: {}", s.kind(), s.account(), e.getMessage());
                        continue;
                    }
                    String resealed = cipher.seal(s.account(), column, plain);
                    java.util.Arrays.fill(plain, (byte) 0);
                    h.createUpdate("""
                                    update ethiq.tenant_credentials set ciphertext = :ciphertext, key_id = :key_id
                                     where account_id = :t and kind = :kind and ciphertext = :old""")
                            .bind("ciphertext", resealed)
                            .bind("key_id", active)
                            .bind("t", s.account())
                            .bind("kind", s.kind())
                            .bind("old", s.ciphertext())
                            .execute();
                    done++;
                    kindsByTenant.computeIfAbsent(s.account(), k -> new ArrayList<>()).add(s.kind() + " from " + s.keyId());
                }
                kindsByTenant.forEach((account, kinds) -> AuditRows.platformAction(h, ids.newId(), new TenantId(account),
                        "platform:key-rotation", "secrets.rewrapped", "", clock.instant(),
                        Map.of("to_key", active, "credentials", String.join(", ", kinds))));
                return new Batch(rows, done, bad);
            });
            rewrapped += batch.done();
            failed += batch.failed();
            if (batch.rows().size() < REWRAP_BATCH) {
                break;
            }
            Stored last = batch.rows().get(batch.rows().size() - 1);
            afterAccount = last.account();
            afterKind = last.kind();
        }
        if (rewrapped > 0 || failed > 0) {
            LOG.info("re-wrap under key {}: {} credential(s) re-sealed, {} unreadable", active, rewrapped, failed);
        }
        return new RewrapReport(rewrapped, failed);
    }
}
