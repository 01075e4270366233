package com.ethiq.core.fake;

import com.ethiq.core.contract.UsersContract;
import com.ethiq.core.management.identity.Users;

class InMemoryUsersTest extends UsersContract {
    @Override
    protected Users create() {
        return new InMemoryUsers();
    }
}
