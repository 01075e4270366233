package com.ethiq.core.fake;

import com.ethiq.core.contract.KnownCallersContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.KnownCallers;

class InMemoryKnownCallersContractTest extends KnownCallersContract {
    @Override
    protected KnownCallers create() {
        return new InMemoryKnownCallers();
    }

    @Override
    protected TenantId newTenant() {
        return TenantId.random();
    }
}
