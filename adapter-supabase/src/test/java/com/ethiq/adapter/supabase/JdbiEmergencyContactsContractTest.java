package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.EmergencyContactsContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.EmergencyContacts;

class JdbiEmergencyContactsContractTest extends EmergencyContactsContract {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Override
    protected EmergencyContacts create() {
        return db.store().emergencyContacts();
    }

    @Override
    protected TenantId newTenant() {
        return db.newTenant();
    }
}
