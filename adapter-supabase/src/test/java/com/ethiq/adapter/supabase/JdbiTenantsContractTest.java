package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.TenantsContract;
import com.ethiq.core.port.Tenants;

class JdbiTenantsContractTest extends TenantsContract {
    @Override
    protected Tenants create() {
        return TestDatabase.shared().database().store().tenants();
    }
}
