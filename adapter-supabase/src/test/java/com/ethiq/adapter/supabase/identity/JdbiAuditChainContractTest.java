package com.ethiq.adapter.supabase.identity;

import com.ethiq.core.contract.AuditChainContract;
import com.ethiq.core.domain.TenantId;

/** The store's audit trail written, this adapter's chain read back and verified in Java. */
class JdbiAuditChainContractTest extends AuditChainContract {
    @Override
    protected Store create() {
        return new Store(IdentityDb.STORE.auditTrail(), IdentityDb.IDENTITY.auditChain());
    }

    @Override
    protected TenantId newTenant() {
        return IdentityDb.DB.newTenant();
    }
}
