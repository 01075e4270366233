package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.TenantId;

/**
 * Told when a tenant's cached data (account, settings, custom phrases, credentials) changed on any node.
 * Called on the listener's thread: return quickly (e.g. invalidate a cache entry).
 */
public interface TenantChangeCallback {

    void tenantChanged(TenantId tenant);

    /** The listener was disconnected and changes may have been missed: drop everything cached. */
    default void resync() {
    }
}
