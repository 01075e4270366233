package com.ethiq.core.fake;

import com.ethiq.core.contract.TenantsContract;
import com.ethiq.core.port.Tenants;

class InMemoryTenantsContractTest extends TenantsContract {
    @Override
    protected Tenants create() {
        return new InMemoryTenants();
    }
}
