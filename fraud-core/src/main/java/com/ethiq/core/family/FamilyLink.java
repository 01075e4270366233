package com.ethiq.core.family;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One relative's link to one alerted call: sent in one alert SMS, to one emergency contact. Only the SHA-256 of its
 * token is kept ({@code tokenHash}, base64url); the token itself exists only in the SMS. Readable until
 * {@code expiresAt} (7 days) unless revoked.
 */
public record FamilyLink(UUID id, TenantId tenant, CallSid callSid, UUID alertId, UUID contactId, PhoneNumber recipient,
                         String tokenHash, Instant createdAt, Instant expiresAt, Instant revokedAt) {
    public static final Duration LIFETIME = Duration.ofDays(7);

    public FamilyLink {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        Objects.requireNonNull(alertId, "'alertId' must not be null");
        Objects.requireNonNull(contactId, "'contactId' must not be null");
        Objects.requireNonNull(recipient, "'recipient' must not be null");
        if (tokenHash == null || !FamilyTokens.isHash(tokenHash)) {
            throw new IllegalArgumentException("'tokenHash' must be a base64url SHA-256 (43 characters)");
        }
        Objects.requireNonNull(createdAt, "'createdAt' must not be null");
        Objects.requireNonNull(expiresAt, "'expiresAt' must not be null");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("'expiresAt' must be after 'createdAt'");
        }
    }

    /** A new link, readable for {@link #LIFETIME}. */
    public static FamilyLink issued(UUID id, TenantId tenant, CallSid callSid, UUID alertId, UUID contactId,
                                    PhoneNumber recipient, String tokenHash, Instant now) {
        return new FamilyLink(id, tenant, callSid, alertId, contactId, recipient, tokenHash, now, now.plus(LIFETIME), null);
    }

    public Optional<Instant> revoked() {
        return Optional.ofNullable(revokedAt);
    }

    /** Readable at {@code now}: not expired, not revoked. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
