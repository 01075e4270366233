package com.ethiq.adapter.supabase;

import com.ethiq.core.port.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * The keys that sign the database context (migration V51): the tenant and user tokens that row-level security
 * trusts, and the one-operation grants for membership writes and audit appends. The database holds the same keys in
 * a table only its owner role reads, so SQL run as the app role (an injection, a compromised query) cannot set
 * another tenant's context, add a membership or chain an audit entry. Keys are HMAC-SHA256 keys of 32 bytes,
 * by default derived from the secrets {@link Keyring} (one per key id, so they rotate with it).
 * Install them once per database with {@link #install} (as the migrating login). Immutable, thread-safe.
 */
public final class ContextKeys {
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final byte[] DERIVATION_LABEL = "ethiq database context v1".getBytes(StandardCharsets.US_ASCII);
    /** Longer than any unit of work (statement timeout 5 s, idle-in-transaction 30 s), short enough to die unused. */
    /** The time as ethiq.append_audit prints it: UTC, microseconds (bind the same truncated instant). */
    private static final DateTimeFormatter AUDIT_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    private final Map<String, byte[]> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    private ContextKeys(Map<String, byte[]> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    /** @param keys key id → 32 key bytes (copied) */
    public static ContextKeys of(String activeKeyId, Map<String, byte[]> keys) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        keys.forEach((id, k) -> {
            if (id == null || !KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("context key id must be 1-32 letters, digits, '_' or '-'");
            }
            if (k == null || k.length != 32) {
                throw new IllegalArgumentException("context key '" + id + "' must be 32 bytes");
            }
            copy.put(id, k.clone());
        });
        if (!copy.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("active context key '" + activeKeyId + "' is not among " + copy.keySet());
        }
        return new ContextKeys(Collections.unmodifiableMap(copy), activeKeyId);
    }

    /** One context key per keyring key: HMAC-SHA256(secret key, label); the keyring's active id signs. */
    public static ContextKeys derive(Keyring keyring) {
        Map<String, byte[]> derived = new LinkedHashMap<>();
        for (String id : keyring.keyIds()) {
            derived.put(id, hmac(keyring.key(id).getEncoded(), DERIVATION_LABEL));
        }
        return of(keyring.activeKeyId(), derived);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** The value of {@code app.current_account_id} for one tenant unit of work. */
    public String tenantToken(UUID tenant) {
        return token("tenant", tenant);
    }

    /** The value of {@code app.current_user_id} for one user unit of work. */
    public String userToken(UUID user) {
        return token("user", user);
    }

    private String token(String kind, UUID subject) {
        String expires = Long.toString(expiry());
        String nonce = nonce();
        String mac = mac(kind + "|" + activeKeyId + "|" + subject + "|" + expires + "|" + nonce);
        return activeKeyId + "." + subject + "." + expires + "." + nonce + "." + mac;
    }

    /** A grant for one membership write (see ethiq.write_membership). */
    public String membershipGrant(String op, UUID account, UUID user, String role) {
        return grant("membership", List.of(op, account == null ? "" : account.toString(), user == null ? "" : user.toString(),
                role == null ? "" : role));
    }

    /** A grant for one audit entry (see ethiq.append_audit): every field of the entry, details in the order bound. */
    public String auditGrant(UUID account, UUID id, String actor, String action, String target, Instant at, String ip,
                             String userAgent, List<String> detailKeys, List<String> detailValues) {
        StringBuilder fields = new StringBuilder();
        for (String f : List.of(account.toString(), id.toString(), actor, action, target, AUDIT_TIME.format(at), ip, userAgent)) {
            fields.append(field(f));
        }
        for (int i = 0; i < detailKeys.size(); i++) {
            fields.append(field(detailKeys.get(i))).append(field(detailValues.get(i)));
        }
        return signGrant("audit", fields.toString());
    }

    private String grant(String purpose, List<String> fields) {
        StringBuilder content = new StringBuilder();
        fields.forEach(f -> content.append(field(f)));
        return signGrant(purpose, content.toString());
    }

    private String signGrant(String purpose, String content) {
        String expires = Long.toString(expiry());
        String nonce = nonce();
        return activeKeyId + "." + expires + "." + nonce + "."
                + mac(purpose + "|" + activeKeyId + "|" + expires + "|" + nonce + "|" + content);
    }

    /** ethiq.grant_field: the length in code points, a colon, the value. */
    private static String field(String value) {
        String v = value == null ? "" : value;
        return v.codePointCount(0, v.length()) + ":" + v;
    }

    private static long expiry() {
        // wall-clock time on purpose: the database checks it against its own clock, not the store's injected one
        return System.currentTimeMillis() / 1000 + TOKEN_LIFETIME.toSeconds();
    }

    private String nonce() {
        byte[] n = new byte[8];
        random.nextBytes(n);
        return HexFormat.of().formatHex(n);
    }

    private String mac(String message) {
        return HexFormat.of().formatHex(hmac(keys.get(activeKeyId), message.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Stores every key in {@code ethiq.context_keys} (as the owner role, through the migrating login), replacing
     * keys of the same id. Idempotent. The pads K⊕ipad and K⊕opad are stored, so the database computes HMAC with
     * two sha256 calls and no extension.
     */
    public void install(DataSource migrationLogin, DatabaseRoles roles) {
        try (Connection c = migrationLogin.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local role " + roles.owner());
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into ethiq.context_keys (key_id, inner_pad, outer_pad) values (?, ?, ?)
                    on conflict (key_id) do update set inner_pad = excluded.inner_pad, outer_pad = excluded.outer_pad,
                                                       installed_at = now()""")) {
                for (Map.Entry<String, byte[]> e : keys.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setBytes(2, pad(e.getValue(), (byte) 0x36));
                    ps.setBytes(3, pad(e.getValue(), (byte) 0x5c));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new PersistenceException("installing the database context keys failed (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    private static byte[] pad(byte[] key, byte with) {
        byte[] out = new byte[64];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((i < key.length ? key[i] : 0) ^ with);
        }
        return out;
    }

    @Override
    public String toString() {
        return "ContextKeys[active=" + activeKeyId + ", ids=" + keys.keySet() + "]";
    }
}
