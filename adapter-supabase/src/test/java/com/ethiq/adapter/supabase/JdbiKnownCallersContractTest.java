package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.KnownCallersContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.KnownCallers;

class JdbiKnownCallersContractTest extends KnownCallersContract {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Override
    protected KnownCallers create() {
        return db.store().knownCallers();
    }

    @Override
    protected TenantId newTenant() {
        return db.newTenant();
    }
}
