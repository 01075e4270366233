package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.AccountTelephonyContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AccountTelephony;

class JdbiAccountTelephonyContractTest extends AccountTelephonyContract {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Override
    protected AccountTelephony create() {
        return db.store().accountTelephony();
    }

    @Override
    protected TenantId newTenant() {
        return db.newTenant();
    }
}
