package com.ethiq.core.fake;

import com.ethiq.core.contract.RefreshTokensContract;
import com.ethiq.core.management.identity.RefreshTokens;

class InMemoryRefreshTokensTest extends RefreshTokensContract {
    @Override
    protected RefreshTokens create() {
        return new InMemoryRefreshTokens();
    }
}
