package org.example.host;

import com.ethiq.core.contract.TenantsContract;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.port.Tenants;

/** A contract suite extended and nothing else declared: its inherited tests must run. */
class InMemoryTenantsSuiteTest extends TenantsContract {
    @Override
    protected Tenants create() {
        return new InMemoryTenants();
    }
}
