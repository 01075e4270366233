package com.ethiq.core.fake;

import com.ethiq.core.contract.InvitationsContract;
import com.ethiq.core.management.identity.Invitations;

class InMemoryInvitationsTest extends InvitationsContract {
    @Override
    protected Invitations create() {
        return new InMemoryInvitations();
    }
}
