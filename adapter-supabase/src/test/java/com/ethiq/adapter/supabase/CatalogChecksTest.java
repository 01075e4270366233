package com.ethiq.adapter.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The catalog checks of supabase-and-rls.md §6 (items 1-5) and a lint for foreign keys without a supporting index,
 * run on the migrated schema.
 */
@SuppressWarnings("unchecked")
class CatalogChecksTest {
    /** Tables without account_id: the account itself, the global ones, and Flyway's history (no app grant at all). */
    private static final Set<String> NOT_TENANT_TABLES = Set.of("accounts", "users", "number_pool", "platform_audit_log",
            "flyway_schema_history",
            // V50 (management API): user-scoped and pre-authentication tables, checked in identity.IdentityCatalogTest
            "refresh_tokens", "totp_secrets", "recovery_codes", "login_attempts",
            // V51: the context keys, owner-only
            "context_keys",
            // V92: the institution directory, platform data (the app role has no grant on it)
            "institution_directories");
    private static final Set<String> WITHOUT_RLS = Set.of("flyway_schema_history");
    private static final String APP = TestDatabase.ROLES.app();
    private static final String PLATFORM = TestDatabase.ROLES.platform();

    private final DataSource su = TestDatabase.shared().database().superuserDataSource();

    private List<List<Object>> rows(String sql, Object... params) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = su.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        row.add(v instanceof java.sql.Array a ? Arrays.asList((Object[]) a.getArray()) : v);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    private List<String> tables() throws SQLException {
        return rows("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where n.nspname = 'ethiq' and c.relkind in ('r', 'p') order by 1").stream().map(r -> (String) r.get(0)).toList();
    }

    private List<String> tenantTables() throws SQLException {
        return tables().stream().filter(t -> !NOT_TENANT_TABLES.contains(t)).toList();
    }

    @Test
    void theSchemaHoldsTheExpectedTables() throws SQLException {
        assertThat(tables()).containsExactlyInAnyOrder("accounts", "alerts", "audit_log", "audit_log_context", "call_logs",
                "custom_phrases", "emergency_contacts", "flyway_schema_history", "number_pool", "platform_audit_log",
                "tenant_credentials", "tenant_settings", "transcript_segments", "usage_events", "users",
                // V50 (management API)
                "memberships", "invitations", "refresh_tokens", "totp_secrets", "recovery_codes", "login_attempts",
                // V51 (signed context)
                "context_keys",
                // V71 (trusted and blocked callers)
                "known_callers", "caller_reports", "caller_reputation_optins",
                // V80 (the family response)
                "family_links", "family_actions",
                // V84, V85 (stored announcements, account telephony choices)
                "announcements", "account_telephony",
                // V88 (cluster-wide state; its media_token_uses dropped by V99)
                "ai_budget_days",
                // V92 (the institution directory operators publish)
                "institution_directories",
                // V98 (the simulator's scripts, shared by the nodes)
                "sim_speech_lines");
    }

    @Test
    void item1_everyTableHasRowSecurityEnabledAndForced() throws SQLException {
        List<List<Object>> missing = rows("select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c "
                + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'ethiq' and c.relkind in ('r', 'p') "
                + "and not (c.relrowsecurity and c.relforcerowsecurity)");
        assertThat(missing.stream().map(r -> (String) r.get(0))).containsExactlyInAnyOrderElementsOf(WITHOUT_RLS);
        // the exception is unreachable: neither login role holds any privilege on it
        for (String role : List.of(APP, PLATFORM)) {
            assertThat(rows("select 1 where has_table_privilege(?, 'ethiq.flyway_schema_history', "
                    + "'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')", role)).isEmpty();
        }
    }

    @Test
    void item2_tenantTablesHaveANotNullAccountIdAnIndexLedByItAndAStrictAppPolicy() throws SQLException {
        assertThat(tenantTables()).hasSize(21); // 10 + memberships, invitations (V50) + 3 (V71: callers) + 2 (V80: family) + 2 (V84, V85) + 1 (V88: cluster state, 2 less the one V99 drops) + 1 (V98: simulator scripts)
        for (String table : tenantTables()) {
            assertThat(rows("select 1 from information_schema.columns where table_schema = 'ethiq' and table_name = ? "
                    + "and column_name = 'account_id' and data_type = 'uuid' and is_nullable = 'NO'", table)).as(table).hasSize(1);
            assertThat(rows("select 1 from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace "
                    + "join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0] "
                    + "where n.nspname = 'ethiq' and c.relname = ? and a.attname = 'account_id'", table)).as(table).isNotEmpty();
            assertStrictAppPolicy(table, "account_id");
        }
        assertStrictAppPolicy("accounts", "id");
    }

    private void assertStrictAppPolicy(String table, String column) throws SQLException {
        List<List<Object>> policies = rows("select replace(qual, 'ethiq.', ''), replace(with_check, 'ethiq.', ''), cmd "
                + "from pg_policies where schemaname = 'ethiq' and tablename = ? and ? = any(roles)", table, APP);
        assertThat(policies).as(table).hasSize(1);
        String expected = "(" + column + " = ( SELECT current_account_id() AS current_account_id))";
        assertThat(policies.get(0)).as(table).containsExactly(expected, expected, "ALL");
        // nothing for PUBLIC, and the app role gets no other policy
        assertThat(rows("select policyname from pg_policies where schemaname = 'ethiq' and tablename = ? and 'public' = any(roles)",
                table)).as(table).isEmpty();
    }

    @Test
    void item3_keysBetweenTenantTablesIncludeTheAccount() throws SQLException {
        // foreign keys between tenant tables (every one but those to accounts) carry account_id
        List<List<Object>> fks = rows("select c.conname, src.relname, dst.relname, "
                + "array(select a.attname::text from unnest(c.conkey) k join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k) "
                + "from pg_constraint c join pg_class src on src.oid = c.conrelid join pg_class dst on dst.oid = c.confrelid "
                + "join pg_namespace n on n.oid = src.relnamespace where n.nspname = 'ethiq' and c.contype = 'f'");
        assertThat(fks).isNotEmpty();
        for (List<Object> fk : fks) {
            String src = (String) fk.get(1);
            String dst = (String) fk.get(2);
            if (!NOT_TENANT_TABLES.contains(src) && !NOT_TENANT_TABLES.contains(dst)) {
                assertThat((List<Object>) fk.get(3)).as(fk.get(0).toString()).contains("account_id");
            }
        }
        // unique constraints and unique indexes of tenant tables are per tenant
        for (String table : tenantTables()) {
            List<List<Object>> uniques = rows("select ic.relname, array(select a.attname::text from unnest(i.indkey) k "
                    + "join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k) "
                    + "from pg_index i join pg_class c on c.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid "
                    + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'ethiq' and c.relname = ? and i.indisunique", table);
            assertThat(uniques).as(table).isNotEmpty();
            uniques.forEach(u -> assertThat((List<Object>) u.get(1)).as(u.get(0).toString()).contains("account_id"));
        }
    }

    @Test
    void item4_theLoginRolesAreNeitherPrivilegedNorOwners() throws SQLException {
        for (String role : List.of(APP, PLATFORM)) {
            assertThat(rows("select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = ?", role))
                    .containsExactly(List.of(false, false, false, false));
            assertThat(rows("select relname from pg_class where pg_has_role(?, relowner, 'MEMBER')", role)).as(role).isEmpty();
            assertThat(rows("select proname from pg_proc where pg_has_role(?, proowner, 'MEMBER')", role)).as(role).isEmpty();
            assertThat(rows("select nspname from pg_namespace where pg_has_role(?, nspowner, 'MEMBER')", role)).as(role).isEmpty();
            assertThat(rows("select 1 where pg_has_role(?, ?, 'MEMBER')", role, TestDatabase.ROLES.owner())).as(role).isEmpty();
            assertThat(rows("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "where n.nspname = 'ethiq' and c.relkind in ('r', 'p', 'v', 'm') "
                    + "and has_table_privilege(?, c.oid, 'TRUNCATE, REFERENCES, TRIGGER')", role)).as(role).isEmpty();
            assertThat(rows("select nspname from pg_namespace where has_schema_privilege(?, oid, 'CREATE')", role)).as(role).isEmpty();
            assertThat(rows("select 1 where has_database_privilege(?, current_database(), 'CREATE')", role)).as(role).isEmpty();
        }
        assertThat(rows("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where n.nspname = 'ethiq' and c.relkind in ('r', 'i', 'p') and pg_get_userbyid(c.relowner) <> ?",
                TestDatabase.ROLES.owner())).isEmpty();
        assertThat(rows("select rolcanlogin, rolbypassrls from pg_roles where rolname = ?", TestDatabase.ROLES.owner()))
                .containsExactly(List.of(false, false));
    }

    @Test
    void item5_noDefinerViewsNoOpenFunctionsNoSequences() throws SQLException {
        assertThat(rows("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where n.nspname = 'ethiq' and c.relkind in ('v', 'm') "
                + "and not coalesce('security_invoker=true' = any(c.reloptions), false)")).isEmpty();
        // SECURITY DEFINER allowlist (V51): the signed context and the two grant-checked writes; they pin
        // search_path (checked below for plpgsql, here for all), and the MAC and grant checks are not executable by
        // the login roles (a signing oracle otherwise)
        assertThat(rows("select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace "
                + "where n.nspname = 'ethiq' and p.prosecdef").stream().map(r -> (String) r.get(0)))
                .containsExactlyInAnyOrder("context_mac", "verified_subject", "check_grant", "write_membership", "append_audit");
        assertThat(rows("select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace "
                + "where n.nspname = 'ethiq' and p.prosecdef and not coalesce(p.proconfig @> array['search_path=\"\"'], false)")).isEmpty();
        for (String role : List.of(APP, PLATFORM)) {
            for (String fn : List.of("ethiq.context_mac(text, text)", "ethiq.check_grant(text, text, text)")) {
                assertThat(rows("select 1 where has_function_privilege(?, ?, 'execute')", role, fn)).as(role + " " + fn).isEmpty();
            }
            assertThat(rows("select 1 where has_table_privilege(?, 'ethiq.context_keys', 'select')", role)).as(role).isEmpty();
        }
        // no function is executable by PUBLIC (a NULL acl means the default: PUBLIC may execute)
        assertThat(rows("select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'ethiq' "
                + "and (p.proacl is null or exists (select 1 from aclexplode(p.proacl) x where x.grantee = 0))")).isEmpty();
        // plpgsql functions pin their search_path
        assertThat(rows("select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang "
                + "where n.nspname = 'ethiq' and l.lanname = 'plpgsql' "
                + "and not coalesce(p.proconfig @> array['search_path=\"\"'], false)")).isEmpty();
        // UUID keys: no sequence reveals other tenants' insert counts
        assertThat(rows("select sequencename from pg_sequences where schemaname = 'ethiq'")).isEmpty();
    }

    @Test
    void item6_dataApiRolesHoldNothingInTheSchemaWhenTheyExist() throws SQLException {
        for (String role : List.of("anon", "authenticated", "service_role")) {
            if (rows("select 1 from pg_roles where rolname = ?", role).isEmpty()) {
                continue; // plain PostgreSQL: nothing to check
            }
            assertThat(rows("select 1 where has_schema_privilege(?, 'ethiq', 'USAGE')", role)).as(role).isEmpty();
        }
        assertThat(rows("select 1 where has_schema_privilege('public', 'ethiq', 'USAGE') "
                + "or exists (select 1 from aclexplode((select nspacl from pg_namespace where nspname = 'ethiq')) x where x.grantee = 0)"))
                .isEmpty();
    }

    private static final String FK_WITHOUT_INDEX = """
            select c.conname, src.relname
              from pg_constraint c
              join pg_class src on src.oid = c.conrelid
              join pg_namespace n on n.oid = src.relnamespace
             where n.nspname = 'ethiq' and c.contype = 'f'
               and not exists (
                   select 1 from pg_index i
                    where i.indrelid = c.conrelid
                      and (select array_agg(x order by x) from unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) x)
                        = (select array_agg(y order by y) from unnest(c.conkey) y))""";

    @Test
    void everyForeignKeyHasAnIndexLedByItsColumns() throws SQLException {
        assertThat(rows(FK_WITHOUT_INDEX)).isEmpty();
        assertThat(rows("select 1 from pg_constraint c join pg_namespace n on n.oid = c.connamespace "
                + "where n.nspname = 'ethiq' and c.contype = 'f'")).hasSize(13 + 6 + 3 + 2 + 2 + 1 + 1); // + 6 from V50 (management API), + 3 from V71 (callers), + 2 from V80 (family), + 2 from V84/V85, + 1 from V88 (2, one table dropped by V99), + 1 from V98
    }

    @Test
    void theForeignKeyLintCatchesAMissingIndex() throws SQLException {
        try (TestDatabase.Database fresh = TestDatabase.shared().freshDatabase();
             Connection c = fresh.superuserDataSource().getConnection();
             java.sql.Statement s = c.createStatement()) {
            s.execute("create table ethiq.lint_probe (id int primary key, account_id uuid references ethiq.accounts (id))");
            try (ResultSet rs = s.executeQuery(FK_WITHOUT_INDEX)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo("lint_probe");
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
