package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.AlertOutboxContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AlertOutbox;

class JdbiAlertOutboxContractTest extends AlertOutboxContract {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Override
    protected AlertOutbox create() {
        return db.store().alertOutbox();
    }

    @Override
    protected TenantId newTenant() {
        return db.newTenant();
    }
}
