package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.CallLeasesContract;
import com.ethiq.core.contract.ContractFixtures;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallLeases;

class JdbiCallLeasesContractTest extends CallLeasesContract {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Override
    protected CallLeases create() {
        return db.store().callLeases();
    }

    @Override
    protected TenantId newTenant() {
        return db.newTenant();
    }

    @Override
    protected CallSid newCall(TenantId tenant) {
        CallSid sid = ContractFixtures.callSid();
        db.store().callLogs().open(CallLog.started(tenant, sid, "+33612345678", ContractFixtures.T0, CallProtection.PROTECTED));
        return sid;
    }
}
