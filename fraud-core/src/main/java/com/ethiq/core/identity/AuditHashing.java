package com.ethiq.core.identity;

import com.ethiq.core.domain.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The audit chain's link function, version 1: {@code hash = SHA-256(previousHash || canonical(sequence, event))} in
 * lower-case hex. The canonical form length-prefixes every field (so no separator can be smuggled inside a value)
 * and sorts detail keys; times are cut to microseconds, what PostgreSQL stores. Stateless.
 */
public final class AuditHashing {
    /** The {@code previousHash} of the first event of every chain. */
    public static final String GENESIS = "0".repeat(64);

    private AuditHashing() {
    }

    public static String link(String previousHash, long sequence, AuditEvent event) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            sha.update(canonical(sequence, event).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    static String canonical(long sequence, AuditEvent e) {
        StringBuilder sb = new StringBuilder("v1");
        field(sb, Long.toString(sequence));
        field(sb, e.id().toString());
        field(sb, e.tenant() == null ? "" : e.tenant().value().toString());
        field(sb, e.actor());
        field(sb, e.action());
        field(sb, e.target());
        field(sb, e.ip());
        field(sb, e.userAgent());
        field(sb, e.at().truncatedTo(ChronoUnit.MICROS).toString());
        Map<String, String> sorted = new TreeMap<>(e.details());
        field(sb, Integer.toString(sorted.size()));
        sorted.forEach((k, v) -> {
            field(sb, k);
            field(sb, v);
        });
        return sb.toString();
    }

    private static void field(StringBuilder sb, String value) {
        sb.append('|').append(value.length()).append(':').append(value);
    }
}
