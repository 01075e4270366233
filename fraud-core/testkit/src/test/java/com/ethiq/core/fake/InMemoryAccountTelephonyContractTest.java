package com.ethiq.core.fake;

import com.ethiq.core.contract.AccountTelephonyContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AccountTelephony;

class InMemoryAccountTelephonyContractTest extends AccountTelephonyContract {
    @Override
    protected AccountTelephony create() {
        return new InMemoryAccountTelephony();
    }

    @Override
    protected TenantId newTenant() {
        return TenantId.random();
    }
}
