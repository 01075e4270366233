package com.ethiq.adapter.supabase.identity;

import com.ethiq.core.contract.MembershipsContract;
import com.ethiq.core.management.identity.Memberships;

class JdbiMembershipsContractTest extends MembershipsContract {
    @Override
    protected Memberships create() {
        return IdentityDb.IDENTITY.memberships();
    }

    @Override
    protected com.ethiq.core.domain.TenantId newTenant() {
        return IdentityDb.DB.newTenant();
    }

    @Override
    protected com.ethiq.core.management.identity.UserId newUser() {
        return IdentityDb.newUser();
    }
}
