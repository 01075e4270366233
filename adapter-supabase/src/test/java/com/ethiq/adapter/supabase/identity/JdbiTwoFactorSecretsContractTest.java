package com.ethiq.adapter.supabase.identity;

import com.ethiq.core.contract.TwoFactorSecretsContract;
import com.ethiq.core.management.identity.TwoFactorSecrets;

class JdbiTwoFactorSecretsContractTest extends TwoFactorSecretsContract {
    @Override
    protected TwoFactorSecrets create() {
        return IdentityDb.IDENTITY.twoFactorSecrets();
    }

    @Override
    protected com.ethiq.core.management.identity.UserId newUser() {
        return IdentityDb.newUser();
    }
}
