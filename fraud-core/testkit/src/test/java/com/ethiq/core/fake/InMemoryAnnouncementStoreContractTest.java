package com.ethiq.core.fake;

import com.ethiq.core.contract.AnnouncementStoreContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AnnouncementStore;

class InMemoryAnnouncementStoreContractTest extends AnnouncementStoreContract {
    @Override
    protected AnnouncementStore create() {
        return new InMemoryAnnouncementStore();
    }

    @Override
    protected TenantId newTenant() {
        return TenantId.random();
    }
}
