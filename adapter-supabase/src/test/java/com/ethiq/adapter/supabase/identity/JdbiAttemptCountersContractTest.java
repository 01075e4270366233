package com.ethiq.adapter.supabase.identity;

import com.ethiq.core.contract.AttemptCountersContract;
import com.ethiq.core.management.identity.AttemptCounters;

class JdbiAttemptCountersContractTest extends AttemptCountersContract {
    @Override
    protected AttemptCounters create() {
        return IdentityDb.IDENTITY.attemptCounters();
    }
}
