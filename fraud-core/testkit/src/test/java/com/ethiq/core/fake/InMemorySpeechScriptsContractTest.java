package com.ethiq.core.fake;

import com.ethiq.core.contract.ContractFixtures;
import com.ethiq.core.contract.SpeechScriptsContract;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.SpeechScripts;

class InMemorySpeechScriptsContractTest extends SpeechScriptsContract {
    @Override
    protected SpeechScripts create() {
        return new InMemorySpeechScripts();
    }

    @Override
    protected TenantId newTenant() {
        return TenantId.random();
    }

    @Override
    protected CallSid newCall(TenantId tenant) {
        return ContractFixtures.callSid();
    }
}
