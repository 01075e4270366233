package com.ethiq.core.fake;

import com.ethiq.core.contract.MembershipsContract;
import com.ethiq.core.management.identity.Memberships;

class InMemoryMembershipsTest extends MembershipsContract {
    @Override
    protected Memberships create() {
        return new InMemoryMemberships();
    }
}
