package com.ethiq.adapter.supabase.identity;

import com.ethiq.core.contract.UsersContract;
import com.ethiq.core.management.identity.Users;

class JdbiUsersContractTest extends UsersContract {
    @Override
    protected Users create() {
        return IdentityDb.IDENTITY.users();
    }
}
