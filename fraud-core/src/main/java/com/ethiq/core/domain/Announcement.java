package com.ethiq.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A warning to be spoken in a call's conference, stored so that any node can serve it: the provider fetches it by
 * {@code reference} (opaque and random; the text never travels in a URL), and the stored row says whose it is.
 * {@code served} is set by the first fetch (a repeated fetch speaks nothing); {@code plays} counts how many times
 * it was requested from the provider (1, then +1 per replay after the provider reported the announcement failed).
 */
public record Announcement(String reference, TenantId tenant, CallSid call, String text, Language language,
                           AnnouncementAudience audience, String idempotencyKey, int plays, boolean served,
                           Instant createdAt) {
    public static final int MAX_TEXT_CHARS = 1000;

    public Announcement {
        if (reference == null || !reference.matches("[A-Za-z0-9_-]{16,64}")) {
            throw new IllegalArgumentException("'reference' must be 16 to 64 URL-safe characters");
        }
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(call, "'call' must not be null");
        if (text == null || text.isBlank() || text.length() > MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("'text' must be 1 to " + MAX_TEXT_CHARS + " characters");
        }
        Objects.requireNonNull(language, "'language' must not be null");
        Objects.requireNonNull(audience, "'audience' must not be null");
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("'idempotencyKey' must not be blank");
        }
        if (plays < 1) {
            throw new IllegalArgumentException("'plays' must be >= 1");
        }
        Objects.requireNonNull(createdAt, "'createdAt' must not be null");
    }

    /** The conference the warning is spoken in. */
    public ConferenceName conference() {
        return ConferenceName.forCall(tenant, call);
    }

    @Override
    public String toString() {
        // never the text: it can quote the call
        return "Announcement[" + reference + ", tenant=" + tenant + ", call=" + call + ", audience=" + audience.wire()
                + ", plays=" + plays + ", served=" + served + "]";
    }
}
