package com.ethiq.core.fake;

import com.ethiq.core.contract.UsageLedgerContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.UsageLedger;

class InMemoryUsageLedgerContractTest extends UsageLedgerContract {
    @Override
    protected UsageLedger create() {
        return new InMemoryUsageLedger();
    }

    @Override
    protected TenantId newTenant() {
        return TenantId.random();
    }
}
