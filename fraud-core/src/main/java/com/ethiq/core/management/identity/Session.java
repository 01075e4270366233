package com.ethiq.core.management.identity;

import java.time.Instant;
import java.util.UUID;

/** One signed-in device as the user sees it: a live refresh-token family. */
public record Session(UUID id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String ip, String userAgent,
                      boolean current) {
}
