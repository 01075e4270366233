package com.ethiq.core.fake;

import com.ethiq.core.contract.CallLeasesContract;
import com.ethiq.core.contract.ContractFixtures;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallLeases;

class InMemoryCallLeasesContractTest extends CallLeasesContract {
    @Override
    protected CallLeases create() {
        return new InMemoryCallLeases();
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
