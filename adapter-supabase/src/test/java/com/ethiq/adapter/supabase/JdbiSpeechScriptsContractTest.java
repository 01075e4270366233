package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.ContractFixtures;
import com.ethiq.core.contract.SpeechScriptsContract;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.SpeechScripts;

class JdbiSpeechScriptsContractTest extends SpeechScriptsContract {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Override
    protected SpeechScripts create() {
        return db.store().speechScripts();
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
