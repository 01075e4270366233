package com.ethiq.adapter.supabase.identity;

import com.ethiq.core.contract.RefreshTokensContract;
import com.ethiq.core.identity.RefreshTokens;

class JdbiRefreshTokensContractTest extends RefreshTokensContract {
    @Override
    protected RefreshTokens create() {
        return IdentityDb.IDENTITY.refreshTokens();
    }

    @Override
    protected com.ethiq.core.identity.UserId newUser() {
        return IdentityDb.newUser();
    }
}
