package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.InstitutionDirectoriesContract;
import com.ethiq.core.port.InstitutionDirectories;

class JdbiInstitutionDirectoriesContractTest extends InstitutionDirectoriesContract {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Override
    protected InstitutionDirectories create() {
        return db.store().institutionDirectories();
    }
}
