package com.ethiq.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One warning to deliver, recorded before it is sent. There is at most one alert per (tenant, call, kind, recipient):
 * the {@link #idempotencyKey()} makes a doubled alert impossible. The {@code recipient} says the kind: a phone is
 * texted, a conference is spoken to.
 */
public record Alert(UUID id, TenantId tenant, CallSid callSid, AlertRecipient recipient, String message,
                    Language language, AlertStatus status, int attempts, Instant createdAt, Instant nextAttemptAt,
                    Instant sentAt, String providerReference, String lastError) {
    public Alert {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        Objects.requireNonNull(recipient, "'recipient' must not be null");
        Objects.requireNonNull(message, "'message' must not be null");
        if (message.isBlank() || message.length() > 1600) {
            throw new IllegalArgumentException("'message' must be 1-1600 characters");
        }
        Objects.requireNonNull(language, "'language' must not be null");
        Objects.requireNonNull(status, "'status' must not be null");
        if (attempts < 0) {
            throw new IllegalArgumentException("'attempts' must be >= 0");
        }
        Objects.requireNonNull(createdAt, "'createdAt' must not be null");
        Objects.requireNonNull(nextAttemptAt, "'nextAttemptAt' must not be null");
    }

    /** A new alert, due now. */
    public static Alert pending(UUID id, TenantId tenant, CallSid callSid, AlertRecipient recipient,
                                String message, Language language, Instant now) {
        return new Alert(id, tenant, callSid, recipient, message, language, AlertStatus.PENDING, 0, now, now,
                null, null, null);
    }

    /** The same alert in another delivery state: what a send, a retry or a failure leaves of it. */
    public Alert withDelivery(AlertStatus status, int attempts, Instant nextAttemptAt, Instant sentAt,
                              String providerReference, String lastError) {
        return new Alert(id, tenant, callSid, recipient, message, language, status, attempts, createdAt, nextAttemptAt,
                sentAt, providerReference, lastError);
    }

    /** SMS or announcement, as the recipient says. */
    public AlertKind kind() {
        return recipient.kind();
    }

    /** Stable across retries, nodes and restarts: one alert per call, kind and recipient. */
    public String idempotencyKey() {
        return idempotencyKey(tenant, callSid, recipient);
    }

    public static String idempotencyKey(TenantId tenant, CallSid callSid, AlertRecipient recipient) {
        return tenant.value() + ":" + callSid.value() + ":" + recipient.kind().wire() + ":" + recipient.value();
    }
}
