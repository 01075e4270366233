package com.ethiq.core.management.backoffice;

import com.ethiq.core.domain.AuditEvent;
import java.util.Objects;

/** One audit event as stored in its account's chain: position, the hash it links to and its own hash. */
public record ChainedAuditEvent(long sequence, AuditEvent event, String previousHash, String hash) {
    public ChainedAuditEvent {
        if (sequence < 1) {
            throw new IllegalArgumentException("'sequence' must be >= 1, got " + sequence);
        }
        Objects.requireNonNull(event, "'event' must not be null");
        Objects.requireNonNull(previousHash, "'previousHash' must not be null");
        Objects.requireNonNull(hash, "'hash' must not be null");
    }
}
