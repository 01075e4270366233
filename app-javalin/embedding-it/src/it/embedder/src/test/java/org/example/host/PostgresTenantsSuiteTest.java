package org.example.host;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.TenantsContract;
import com.ethiq.core.port.Tenants;

/** The same suite against the real PostgreSQL adapter, on the database testkit (embedded PostgreSQL comes with it). */
class PostgresTenantsSuiteTest extends TenantsContract {
    @Override
    protected Tenants create() {
        return TestDatabase.shared().database().store().tenants();
    }
}
