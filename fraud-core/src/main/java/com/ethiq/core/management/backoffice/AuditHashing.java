package com.ethiq.core.management.backoffice;

import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The audit chain's link function, in Java, byte for byte the same as the database's {@code ethiq.audit_canonical}
 * and {@code ethiq.audit_hash} (migration V1): {@code hash = SHA-256(previousHash || canonical)}, where the canonical
 * text is PostgreSQL's {@code jsonb} rendering of {account_id, seq, id, actor, action, target, occurred_at, details}
 * (keys ordered by length then bytes, {@code ", "} and {@code ": "} separators, times in UTC with microseconds).
 * The first link has no predecessor ({@link #GENESIS}, the empty string). IP and user agent are personal data kept
 * beside the chain (erasable) and are not hashed. Recomputing here, not in SQL, means verification does not trust
 * functions an attacker with database rights could redefine. Stateless.
 */
public final class AuditHashing {
    /** The {@code previousHash} of the first event of every chain: no predecessor. */
    public static final String GENESIS = "";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Comparator<String> JSONB_KEY_ORDER = Comparator.<String>comparingInt(k -> k.getBytes(StandardCharsets.UTF_8).length)
            .thenComparing((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));

    private AuditHashing() {
    }

    /** The hash of {@code event} at {@code sequence} of its tenant's chain, after {@code previousHash} (lower-case hex). */
    public static String link(String previousHash, long sequence, AuditEvent event) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (!previousHash.isEmpty()) {
                sha.update(HexFormat.of().parseHex(previousHash));
            }
            sha.update(canonical(event.tenant(), sequence, event).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    /** An event time as the chain hashes it: UTC, microseconds, always six digits. */
    public static String occurredAt(java.time.Instant at) {
        return TIME.format(at.truncatedTo(ChronoUnit.MICROS));
    }

    /** The exact text that is hashed (after the previous hash) for {@code e} at {@code sequence}: JSON, jsonb key order. */
    public static String canonical(TenantId tenant, long sequence, AuditEvent e) {
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"id", quote(e.id().toString())});
        fields.add(new String[] {"seq", Long.toString(sequence)});
        fields.add(new String[] {"actor", quote(e.actor())});
        fields.add(new String[] {"action", quote(e.action())});
        fields.add(new String[] {"target", quote(e.target())});
        fields.add(new String[] {"details", object(e.details())});
        fields.add(new String[] {"account_id", tenant == null ? "null" : quote(tenant.value().toString())});
        fields.add(new String[] {"occurred_at", quote(TIME.format(e.at().truncatedTo(ChronoUnit.MICROS)))});
        return render(fields);
    }

    private static String object(Map<String, String> map) {
        List<String[]> fields = new ArrayList<>();
        map.forEach((k, v) -> fields.add(new String[] {k, quote(v)}));
        return render(fields);
    }

    private static String render(List<String[]> fields) {
        fields.sort((a, b) -> JSONB_KEY_ORDER.compare(a[0], b[0]));
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(quote(fields.get(i)[0])).append(": ").append(fields.get(i)[1]);
        }
        return sb.append('}').toString();
    }

    /** JSON string as PostgreSQL's escape_json writes it. */
    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < ' ') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
