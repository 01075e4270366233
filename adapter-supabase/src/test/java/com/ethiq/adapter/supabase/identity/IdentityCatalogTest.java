package com.ethiq.adapter.supabase.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Catalog checks for the user-scoped tables of V50 (the tenant ones are covered by CatalogChecksTest). */
class IdentityCatalogTest {
    private static final String APP = TestDatabase.ROLES.app();
    private static final String PLATFORM = TestDatabase.ROLES.platform();

    private static List<String> column(String sql, Object... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = IdentityDb.DB.superuserDataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Test
    void userScopedTablesHaveOneStrictSelfPolicyForTheAppRole() throws SQLException {
        for (String table : List.of("refresh_tokens", "totp_secrets", "recovery_codes")) {
            assertThat(column("select c.relrowsecurity::text || c.relforcerowsecurity::text from pg_class c "
                    + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'ethiq' and c.relname = ?", table))
                    .as(table).containsExactly("truetrue");
            assertThat(column("select replace(qual, 'ethiq.', '') || '|' || replace(with_check, 'ethiq.', '') || '|' || cmd "
                    + "from pg_policies where schemaname = 'ethiq' and tablename = ? and ? = any(roles)", table, APP))
                    .as(table).containsExactly("(user_id = ( SELECT current_user_id() AS current_user_id))|"
                            + "(user_id = ( SELECT current_user_id() AS current_user_id))|ALL");
            assertThat(column("select policyname from pg_policies where schemaname = 'ethiq' and tablename = ? and 'public' = any(roles)",
                    table)).isEmpty();
        }
    }

    @Test
    void usersAndThrottlingCountersAreOutOfTheAppRolesReach() throws SQLException {
        for (String table : List.of("users", "login_attempts")) {
            assertThat(column("select 1 where has_table_privilege(?, 'ethiq." + table + "', 'SELECT, INSERT, UPDATE, DELETE')", APP))
                    .as(table).isEmpty();
            assertThat(column("select policyname from pg_policies where schemaname = 'ethiq' and tablename = ? and ? = any(roles)",
                    table, APP)).as(table).isEmpty();
        }
        assertThat(column("select 1 where has_column_privilege(?, 'ethiq.users', 'is_operator', 'UPDATE')", PLATFORM)).isEmpty();
        assertThat(column("select 1 where has_column_privilege(?, 'ethiq.refresh_tokens', 'auth_time', 'SELECT')", PLATFORM)).isEmpty();
        assertThat(column("select 1 where has_table_privilege(?, 'ethiq.totp_secrets', 'SELECT')", PLATFORM)).isEmpty();
    }

    @Test
    void theUserSettingFunctionIsNotPublic() throws SQLException {
        assertThat(column("select 1 where has_function_privilege('public', 'ethiq.current_user_id()', 'EXECUTE')")).isEmpty();
        assertThat(column("select prosecdef::text from pg_proc where proname = 'current_user_id'")).containsExactly("false");
    }
}
