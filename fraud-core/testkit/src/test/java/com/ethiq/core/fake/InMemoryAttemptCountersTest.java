package com.ethiq.core.fake;

import com.ethiq.core.contract.AttemptCountersContract;
import com.ethiq.core.management.identity.AttemptCounters;

class InMemoryAttemptCountersTest extends AttemptCountersContract {
    @Override
    protected AttemptCounters create() {
        return new InMemoryAttemptCounters();
    }
}
