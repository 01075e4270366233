package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.TenantId;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The one place that opens units of work. A tenant unit of work is a transaction on the app role's pool whose
 * first statement sets {@code app.current_account_id} to a token signed with {@link ContextKeys} transaction-locally ({@code set_config(…, true)}, dropped at
 * COMMIT/ROLLBACK, so nothing carries over to the next borrower of the connection, and it works behind a
 * transaction-mode pooler). Row-level security then shows that tenant's rows and nothing else. Platform units of
 * work run on the separate platform role's pool. Failures come out as the core's exceptions (see SqlErrors).
 * For repositories inside this adapter. Thread-safe.
 */
public final class TenantTransactions {
    private static final String SET_TENANT = "select pg_catalog.set_config('app.current_account_id', :tenant, true)";

    private final Jdbi app;
    private final Jdbi platform;
    private final ContextKeys keys;

    TenantTransactions(Jdbi app, Jdbi platform, ContextKeys keys) {
        this.app = Objects.requireNonNull(app, "'app' must not be null");
        this.platform = Objects.requireNonNull(platform, "'platform' must not be null");
        this.keys = Objects.requireNonNull(keys, "'keys' must not be null");
    }

    /** The keys that sign contexts and grants (for the identity repositories of this adapter). */
    public ContextKeys contextKeys() {
        return keys;
    }

    /** Runs {@code work} in one transaction scoped to {@code tenant}. */
    public <T> T inTenant(TenantId tenant, HandleCallback<T, RuntimeException> work) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        try {
            return app.inTransaction(handle -> {
                setTenant(handle, keys, tenant);
                return work.withHandle(handle);
            });
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    /**
     * Runs {@code work} in one transaction on the app role's pool with no tenant yet: the work scopes each tenant's
     * statements with {@link #actAs} before them (a batch of several tenants' writes, one commit). Row-level security
     * shows nothing before the first {@code actAs}.
     */
    public <T> T acrossTenants(HandleCallback<T, RuntimeException> work) {
        try {
            return app.inTransaction(work::withHandle);
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    /** Within {@link #acrossTenants}: the statements that follow see and write {@code tenant}'s rows only. */
    public void actAs(Handle handle, TenantId tenant) {
        setTenant(handle, keys, Objects.requireNonNull(tenant, "'tenant' must not be null"));
    }

    /** Runs {@code work} in one transaction as the platform role (cross-tenant jobs; audit what you touch). */
    public <T> T onPlatform(HandleCallback<T, RuntimeException> work) {
        try {
            return platform.inTransaction(work::withHandle);
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    /** One read-only statement as the platform role, in autocommit: the hot path's single round trip. */
    public <T> T platformRead(HandleCallback<T, RuntimeException> work) {
        try {
            return platform.withHandle(work);
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    static void setTenant(Handle handle, ContextKeys keys, TenantId tenant) {
        // a signed token, not the bare id: the policies trust only what verifies against the database's key (V51)
        handle.createQuery(SET_TENANT).bind("tenant", keys.tenantToken(tenant.value())).mapTo(String.class).one();
    }
}
