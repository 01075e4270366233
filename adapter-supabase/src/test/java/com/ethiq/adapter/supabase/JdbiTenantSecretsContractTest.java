package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.TenantSecretsContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.TenantSecrets;

class JdbiTenantSecretsContractTest extends TenantSecretsContract {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Override
    protected TenantSecrets create() {
        return db.storeBuilder().clock(clock).build().tenantSecrets();
    }

    @Override
    protected TenantId newTenant() {
        return db.newTenant();
    }
}
