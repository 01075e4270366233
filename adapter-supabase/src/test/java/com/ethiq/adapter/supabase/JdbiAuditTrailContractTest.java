package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.AuditTrailContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AuditTrail;

class JdbiAuditTrailContractTest extends AuditTrailContract {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Override
    protected AuditTrail create() {
        return db.store().auditTrail();
    }

    @Override
    protected TenantId newTenant() {
        return db.newTenant();
    }
}
