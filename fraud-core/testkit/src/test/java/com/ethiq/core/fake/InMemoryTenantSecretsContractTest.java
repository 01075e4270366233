package com.ethiq.core.fake;

import com.ethiq.core.contract.TenantSecretsContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.TenantSecrets;

class InMemoryTenantSecretsContractTest extends TenantSecretsContract {
    @Override
    protected TenantSecrets create() {
        return new InMemoryTenantSecrets(clock);
    }

    @Override
    protected TenantId newTenant() {
        return TenantId.random();
    }
}
