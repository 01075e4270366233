package com.ethiq.adapter.supabase.identity;

import com.ethiq.core.contract.RefreshTokensContract;
import com.ethiq.core.management.identity.RefreshTokens;

class JdbiRefreshTokensContractTest extends RefreshTokensContract {
    @Override
    protected RefreshTokens create() {
        return IdentityDb.IDENTITY.refreshTokens();
    }

    @Override
    protected com.ethiq.core.management.identity.UserId newUser() {
        return IdentityDb.newUser();
    }
}
