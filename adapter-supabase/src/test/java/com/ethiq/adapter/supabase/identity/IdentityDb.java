package com.ethiq.adapter.supabase.identity;

import com.ethiq.adapter.supabase.SupabaseStore;
import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.IdentityFixtures;
import com.ethiq.core.management.identity.UserId;

/** The shared test database with the identity repositories on top, and helpers for rows contracts point at. */
final class IdentityDb {
    static final TestDatabase.Database DB = TestDatabase.shared().database();
    static final SupabaseStore STORE = DB.store();
    static final IdentityStore IDENTITY = new IdentityStore(STORE, DB.appDataSource());

    private IdentityDb() {
    }

    static UserId newUser() {
        UserId id = IdentityFixtures.userId();
        IDENTITY.users().create(IdentityFixtures.user(id, IdentityFixtures.email()));
        return id;
    }
}
