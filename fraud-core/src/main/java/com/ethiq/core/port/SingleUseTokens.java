package com.ethiq.core.port;

import com.ethiq.core.domain.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outgoing port: tokens that may be used once on the whole cluster (the media stream's per-call token). The store
 * remembers a token id until {@code expiresAt}, after which the token could not verify anyway. Thread-safe.
 */
public interface SingleUseTokens {

    /**
     * Records the token's one use; true if this call used it, false if it had already been used (on any node).
     *
     * @throws PersistenceException when the store cannot tell
     */
    boolean use(TenantId tenant, String tokenId, Instant expiresAt);

    /** One node's memory only: what a node without a shared store uses (single use holds on this node). */
    static SingleUseTokens perNode() {
        ConcurrentHashMap<String, Instant> used = new ConcurrentHashMap<>();
        return (tenant, tokenId, expiresAt) -> {
            Objects.requireNonNull(tenant, "'tenant' must not be null");
            used.values().removeIf(at -> at.isBefore(Instant.now()));
            return used.putIfAbsent(tenant.value() + "/" + tokenId, expiresAt) == null;
        };
    }
}
