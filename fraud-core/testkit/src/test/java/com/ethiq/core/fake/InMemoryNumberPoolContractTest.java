package com.ethiq.core.fake;

import com.ethiq.core.contract.NumberPoolContract;
import com.ethiq.core.port.NumberPool;
import com.ethiq.core.port.Tenants;

class InMemoryNumberPoolContractTest extends NumberPoolContract {
    private final InMemoryTenants tenants = new InMemoryTenants();

    @Override
    protected NumberPool create() {
        return new InMemoryNumberPool(tenants);
    }

    @Override
    protected Tenants tenants() {
        return tenants;
    }
}
