package com.ethiq.core.fake;

import com.ethiq.core.contract.AuditTrailContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AuditTrail;

/** The chained fake is also a plain {@link AuditTrail}. */
class InMemoryChainedAuditTrailAsTrailTest extends AuditTrailContract {
    @Override
    protected AuditTrail create() {
        return new InMemoryChainedAuditTrail();
    }

    @Override
    protected TenantId newTenant() {
        return TenantId.random();
    }
}
