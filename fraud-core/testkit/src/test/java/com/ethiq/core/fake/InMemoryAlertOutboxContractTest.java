package com.ethiq.core.fake;

import com.ethiq.core.contract.AlertOutboxContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AlertOutbox;

class InMemoryAlertOutboxContractTest extends AlertOutboxContract {
    @Override
    protected AlertOutbox create() {
        return new InMemoryAlertOutbox();
    }

    @Override
    protected TenantId newTenant() {
        return TenantId.random();
    }
}
