package com.ethiq.core.fake;

import com.ethiq.core.contract.EmergencyContactsContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.EmergencyContacts;

class InMemoryEmergencyContactsContractTest extends EmergencyContactsContract {
    @Override
    protected EmergencyContacts create() {
        return new InMemoryEmergencyContacts();
    }

    @Override
    protected TenantId newTenant() {
        return TenantId.random();
    }
}
