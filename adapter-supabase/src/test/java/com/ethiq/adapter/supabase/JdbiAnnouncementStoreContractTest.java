package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.AnnouncementStoreContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AnnouncementStore;

class JdbiAnnouncementStoreContractTest extends AnnouncementStoreContract {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Override
    protected AnnouncementStore create() {
        return db.store().announcements();
    }

    @Override
    protected TenantId newTenant() {
        return db.newTenant();
    }
}
