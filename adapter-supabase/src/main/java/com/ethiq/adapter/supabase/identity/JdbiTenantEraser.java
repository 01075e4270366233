package com.ethiq.adapter.supabase.identity;

import com.ethiq.adapter.supabase.AccountEraser;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.backoffice.TenantEraser;
import java.util.Map;

/**
 * {@link TenantEraser} backed by the store's {@link AccountEraser} (one platform transaction: contacts,
 * transcripts, credentials, alerts, settings, audit context deleted; call logs anonymised; number quarantined;
 * the erasure audited in the account's chain). Memberships and invitations are the management use case's to
 * remove. Thread-safe.
 */
public final class JdbiTenantEraser implements TenantEraser {
    private final AccountEraser eraser;

    JdbiTenantEraser(AccountEraser eraser) {
        this.eraser = eraser;
    }

    @Override
    public Map<String, Integer> erase(TenantId tenant, String actor) {
        return eraser.erase(tenant, actor).deleted();
    }
}
