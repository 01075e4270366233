package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.CallLogsContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallLogs;

class JdbiCallLogsContractTest extends CallLogsContract {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Override
    protected CallLogs create() {
        return db.store().callLogs();
    }

    @Override
    protected TenantId newTenant() {
        return db.newTenant();
    }
}
