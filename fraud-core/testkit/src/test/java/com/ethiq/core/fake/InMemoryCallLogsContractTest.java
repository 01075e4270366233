package com.ethiq.core.fake;

import com.ethiq.core.contract.CallLogsContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallLogs;

class InMemoryCallLogsContractTest extends CallLogsContract {
    @Override
    protected CallLogs create() {
        return new InMemoryCallLogs();
    }

    @Override
    protected TenantId newTenant() {
        return TenantId.random();
    }
}
