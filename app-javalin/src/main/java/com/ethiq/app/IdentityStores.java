package com.ethiq.app;

import com.ethiq.core.management.identity.AttemptCounters;
import com.ethiq.core.management.backoffice.AuditChain;
import com.ethiq.core.management.identity.Invitations;
import com.ethiq.core.management.identity.Memberships;
import com.ethiq.core.management.identity.RefreshTokens;
import com.ethiq.core.management.backoffice.TenantEraser;
import com.ethiq.core.management.identity.TwoFactorSecrets;
import com.ethiq.core.management.identity.Users;
import com.ethiq.core.port.NumberPool;
import java.util.Objects;

/**
 * The management side's own stores (users, sessions, 2FA, invitations, throttling, the audit chain, the number pool,
 * erasure), built by the same composition as the call path's ({@link VendorWiring}, {@link InMemoryStores}) over the
 * same store and pools, and carried by {@link Adapters}. The audit trail is not here: both sides use
 * {@link Adapters#audit()}, so what the call path records is what the management API lists.
 */
public record IdentityStores(Users users, Memberships memberships, RefreshTokens refreshTokens,
                             TwoFactorSecrets twoFactorSecrets, Invitations invitations, AttemptCounters attempts,
                             AuditChain auditChain, NumberPool numberPool, TenantEraser eraser) {
    public IdentityStores {
        Objects.requireNonNull(users, "'users' must not be null");
        Objects.requireNonNull(memberships, "'memberships' must not be null");
        Objects.requireNonNull(refreshTokens, "'refreshTokens' must not be null");
        Objects.requireNonNull(twoFactorSecrets, "'twoFactorSecrets' must not be null");
        Objects.requireNonNull(invitations, "'invitations' must not be null");
        Objects.requireNonNull(attempts, "'attempts' must not be null");
        Objects.requireNonNull(auditChain, "'auditChain' must not be null");
        Objects.requireNonNull(numberPool, "'numberPool' must not be null");
        Objects.requireNonNull(eraser, "'eraser' must not be null");
    }
}
