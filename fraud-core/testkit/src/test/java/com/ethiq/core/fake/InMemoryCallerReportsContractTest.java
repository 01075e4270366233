package com.ethiq.core.fake;

import com.ethiq.core.contract.CallerReportsContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallerReports;

class InMemoryCallerReportsContractTest extends CallerReportsContract {
    @Override
    protected CallerReports create() {
        return new InMemoryCallerReports();
    }

    @Override
    protected TenantId newTenant() {
        return TenantId.random();
    }
}
