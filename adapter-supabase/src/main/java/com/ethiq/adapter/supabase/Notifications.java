package com.ethiq.adapter.supabase;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Sends PostgreSQL notifications ({@code pg_notify}) as the app role, delivered to every listening node (a batch is one
 * statement, one round trip). Payloads are hints, not data: PostgreSQL
 * caps them at 8000 bytes, longer ones are refused here. Thread-safe.
 */
public final class Notifications {
    /** PostgreSQL's limit on a notification's payload, in bytes. */
    public static final int MAX_PAYLOAD_BYTES = 7999;
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final Jdbi app;

    Notifications(Jdbi app) {
        this.app = Objects.requireNonNull(app, "'app' must not be null");
    }

    /** Checks a channel name (lower-case identifier): it is spliced into {@code LISTEN}. */
    public static String channel(String name) {
        if (name == null || !CHANNEL.matcher(name).matches()) {
            throw new IllegalArgumentException("'channel' must be a lower-case identifier, got " + name);
        }
        return name;
    }

    /** Sends each payload on {@code channel}, in order, in one transaction. */
    public void send(String channel, List<String> payloads) {
        channel(channel);
        for (String p : payloads) {
            if (p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
                throw new IllegalArgumentException("a notification payload must stay under 8000 bytes");
            }
        }
        if (payloads.isEmpty()) {
            return;
        }
        try {
            app.useTransaction(h -> h.createQuery("select count(pg_notify(:c, p)) from unnest(:ps) with ordinality as u(p, n)")
                    .bind("c", channel).bindArray("ps", String.class, payloads).mapTo(Long.class).one());
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }
}
