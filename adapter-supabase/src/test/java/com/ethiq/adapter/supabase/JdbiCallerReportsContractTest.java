package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.CallerReportsContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallerReports;

class JdbiCallerReportsContractTest extends CallerReportsContract {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Override
    protected CallerReports create() {
        return db.store().callerReports();
    }

    @Override
    protected TenantId newTenant() {
        return db.newTenant();
    }
}
