package com.ethiq.adapter.supabase.identity;

import com.ethiq.adapter.supabase.SupabaseStore;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The identity ports of the management API on PostgreSQL (users, memberships, refresh tokens, 2FA secrets,
 * invitations, throttling counters, the audit chain reader, the eraser), built on a {@link SupabaseStore} (its
 * tenant/platform units of work, secret cipher and account eraser) and the app role's data source for user-scoped
 * units of work. Owns nothing it was given. Thread-safe.
 */
public final class IdentityStore {
    private final JdbiUsers users;
    private final JdbiMemberships memberships;
    private final JdbiRefreshTokens refreshTokens;
    private final JdbiTwoFactorSecrets twoFactorSecrets;
    private final JdbiInvitations invitations;
    private final JdbiAttemptCounters attemptCounters;
    private final JdbiAuditChain auditChain;
    private final JdbiTenantEraser tenantEraser;

    /**
     * @param store the persistence adapter (same database)
     * @param appDataSource the app role's pool, the same one {@code store} was built with
     */
    public IdentityStore(SupabaseStore store, DataSource appDataSource) {
        Objects.requireNonNull(store, "'store' must not be null");
        Objects.requireNonNull(appDataSource, "'appDataSource' must not be null");
        IdentityTransactions tx = new IdentityTransactions(store.transactions(),
                SupabaseStore.jdbi(appDataSource));
        this.users = new JdbiUsers(tx);
        this.memberships = new JdbiMemberships(tx);
        this.refreshTokens = new JdbiRefreshTokens(tx);
        this.twoFactorSecrets = new JdbiTwoFactorSecrets(tx, store.secretCipher());
        this.invitations = new JdbiInvitations(tx);
        this.attemptCounters = new JdbiAttemptCounters(tx);
        this.auditChain = new JdbiAuditChain(tx);
        this.tenantEraser = new JdbiTenantEraser(store.accountEraser());
    }

    public JdbiUsers users() { return users; }
    public JdbiMemberships memberships() { return memberships; }
    public JdbiRefreshTokens refreshTokens() { return refreshTokens; }
    public JdbiTwoFactorSecrets twoFactorSecrets() { return twoFactorSecrets; }
    public JdbiInvitations invitations() { return invitations; }
    public JdbiAttemptCounters attemptCounters() { return attemptCounters; }
    public JdbiAuditChain auditChain() { return auditChain; }
    public JdbiTenantEraser tenantEraser() { return tenantEraser; }
}
