package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.FamilyLinkStoreContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.FamilyLinkStore;

class JdbiFamilyLinksContractTest extends FamilyLinkStoreContract {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Override
    protected FamilyLinkStore create() {
        return db.store().familyLinks();
    }

    @Override
    protected TenantId newTenant() {
        return db.newTenant();
    }
}
