package com.ethiq.adapter.supabase.identity;

import com.ethiq.core.contract.InvitationsContract;
import com.ethiq.core.management.identity.Invitations;

class JdbiInvitationsContractTest extends InvitationsContract {
    @Override
    protected Invitations create() {
        return IdentityDb.IDENTITY.invitations();
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
