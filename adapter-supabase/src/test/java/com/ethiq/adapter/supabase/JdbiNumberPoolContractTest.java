package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.NumberPoolContract;
import com.ethiq.core.port.NumberPool;
import com.ethiq.core.port.Tenants;

class JdbiNumberPoolContractTest extends NumberPoolContract {
    private final SupabaseStore store = TestDatabase.shared().database().store();

    @Override
    protected NumberPool create() {
        return store.numberPool();
    }

    @Override
    protected Tenants tenants() {
        return store.tenants();
    }
}
