package com.ethiq.core.fake;

import com.ethiq.core.contract.FamilyLinkStoreContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.FamilyLinkStore;

class InMemoryFamilyLinksContractTest extends FamilyLinkStoreContract {
    @Override
    protected FamilyLinkStore create() {
        return new InMemoryFamilyLinks();
    }

    @Override
    protected TenantId newTenant() {
        return TenantId.random();
    }
}
