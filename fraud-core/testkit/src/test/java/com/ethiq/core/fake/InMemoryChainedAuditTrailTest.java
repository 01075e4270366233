package com.ethiq.core.fake;

import com.ethiq.core.contract.AuditChainContract;

class InMemoryChainedAuditTrailTest extends AuditChainContract {
    @Override
    protected Store create() {
        InMemoryChainedAuditTrail t = new InMemoryChainedAuditTrail();
        return new Store(t, t);
    }
}
