package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.UsageLedgerContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.UsageLedger;

class JdbiUsageLedgerContractTest extends UsageLedgerContract {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Override
    protected UsageLedger create() {
        return db.store().usageLedger();
    }

    @Override
    protected TenantId newTenant() {
        return db.newTenant();
    }
}
