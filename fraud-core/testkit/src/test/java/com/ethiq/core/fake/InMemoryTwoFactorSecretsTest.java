package com.ethiq.core.fake;

import com.ethiq.core.contract.TwoFactorSecretsContract;
import com.ethiq.core.management.identity.TwoFactorSecrets;

class InMemoryTwoFactorSecretsTest extends TwoFactorSecretsContract {
    @Override
    protected TwoFactorSecrets create() {
        return new InMemoryTwoFactorSecrets();
    }
}
