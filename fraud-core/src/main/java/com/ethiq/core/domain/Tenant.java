package com.ethiq.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One protected account: who answers (SIP address), on which number calls arrive, its status and settings.
 * {@code twilioNumber} is null only while the account waits for a number from the pool.
 */
public record Tenant(TenantId id, String displayName, AccountStatus status, PhoneNumber twilioNumber,
                     SipAddress sipAddress, TenantSettings settings, Instant createdAt) {
    public Tenant {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(displayName, "'displayName' must not be null");
        if (displayName.isBlank() || displayName.length() > 120) {
            throw new IllegalArgumentException("'displayName' must be 1-120 characters");
        }
        Objects.requireNonNull(status, "'status' must not be null");
        Objects.requireNonNull(sipAddress, "'sipAddress' must not be null");
        Objects.requireNonNull(settings, "'settings' must not be null");
        Objects.requireNonNull(createdAt, "'createdAt' must not be null");
    }

    public Optional<PhoneNumber> number() {
        return Optional.ofNullable(twilioNumber);
    }

    public Tenant withStatus(AccountStatus value) {
        return new Tenant(id, displayName, value, twilioNumber, sipAddress, settings, createdAt);
    }

    public Tenant withSettings(TenantSettings value) {
        return new Tenant(id, displayName, status, twilioNumber, sipAddress, value, createdAt);
    }

    public Tenant withNumber(PhoneNumber value) {
        return new Tenant(id, displayName, status, value, sipAddress, settings, createdAt);
    }
}
