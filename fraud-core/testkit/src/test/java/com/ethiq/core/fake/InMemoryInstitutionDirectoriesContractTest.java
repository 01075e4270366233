package com.ethiq.core.fake;

import com.ethiq.core.contract.InstitutionDirectoriesContract;
import com.ethiq.core.port.InstitutionDirectories;

class InMemoryInstitutionDirectoriesContractTest extends InstitutionDirectoriesContract {
    @Override
    protected InstitutionDirectories create() {
        return new InMemoryInstitutionDirectories();
    }
}
