package com.ethiq.core.fake;

import com.ethiq.core.contract.AuditTrailContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AuditTrail;

class InMemoryAuditTrailContractTest extends AuditTrailContract {
    @Override
    protected AuditTrail create() {
        return new InMemoryAuditTrail();
    }

    @Override
    protected TenantId newTenant() {
        return TenantId.random();
    }
}
