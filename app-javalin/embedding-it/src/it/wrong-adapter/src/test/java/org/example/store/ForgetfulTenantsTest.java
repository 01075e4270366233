package org.example.store;

import com.ethiq.core.contract.TenantsContract;
import com.ethiq.core.port.Tenants;

class ForgetfulTenantsTest extends TenantsContract {
    @Override
    protected Tenants create() {
        return new ForgetfulTenants();
    }
}
