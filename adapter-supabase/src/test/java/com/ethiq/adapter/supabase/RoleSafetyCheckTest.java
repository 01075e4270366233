package com.ethiq.adapter.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The start-up guard refuses every role row-level security would not bind. */
class RoleSafetyCheckTest {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    private void asSuperuser(String sql) throws SQLException {
        try (Connection c = db.superuserDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void theAppAndPlatformRolesPass() {
        assertThat(RoleSafetyCheck.verify(db.appDataSource(), "app")).isEqualTo(TestDatabase.ROLES.app());
        assertThat(RoleSafetyCheck.verify(db.platformDataSource(), "platform")).isEqualTo(TestDatabase.ROLES.platform());
    }

    @Test
    void aSuperuserIsRefused() {
        assertThatThrownBy(() -> RoleSafetyCheck.verify(db.superuserDataSource(), "the app data source"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("superuser")
                .hasMessageContaining("BYPASSRLS")
                .hasMessageContaining("owns");
    }

    @Test
    void bypassRlsAndOwnerMembershipAreRefused() throws SQLException {
        asSuperuser("do $$ begin if not exists (select from pg_roles where rolname = 'ethiq_test_bypass') then "
                + "create role ethiq_test_bypass login bypassrls; end if; end $$");
        // the server asks every login for a password (LocalServerAuth)
        asSuperuser("alter role ethiq_test_bypass password 'bypass-test-pw'");
        asSuperuser("do $$ begin if not exists (select from pg_roles where rolname = 'ethiq_test_member') then "
                + "create role ethiq_test_member login; end if; end $$");
        asSuperuser("alter role ethiq_test_member password 'member-test-pw'");
        asSuperuser("grant usage on schema ethiq to ethiq_test_bypass");
        asSuperuser("grant " + TestDatabase.ROLES.owner() + " to ethiq_test_member");

        assertThatThrownBy(() -> RoleSafetyCheck.verify(ConnectionPools.direct(db.jdbcUrl(), "ethiq_test_bypass", "bypass-test-pw"), "app"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BYPASSRLS").hasMessageNotContaining("superuser");
        assertThatThrownBy(() -> RoleSafetyCheck.verify(ConnectionPools.direct(db.jdbcUrl(), "ethiq_test_member", "member-test-pw"), "app"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("owns").hasMessageContaining("CREATE");
    }

    @Test
    void theStoreRefusesTheSameRoleForAppAndPlatformAndAPrivilegedRole() {
        assertThatThrownBy(() -> SupabaseStore.builder().appDataSource(db.appDataSource()).platformDataSource(db.appDataSource())
                .keyring(TestDatabase.testKeyring()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("two roles");
        assertThatThrownBy(() -> SupabaseStore.builder().appDataSource(db.superuserDataSource())
                .platformDataSource(db.platformDataSource()).keyring(TestDatabase.testKeyring()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("superuser");
    }
}
