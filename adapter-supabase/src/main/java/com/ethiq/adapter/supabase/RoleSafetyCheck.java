package com.ethiq.adapter.supabase;

import com.ethiq.core.port.PersistenceException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Start-up guard: refuses to run tenant traffic through a role that row-level security would not bind (a
 * superuser, a BYPASSRLS role, the owner of a table or a member of the owner role) or that may create objects.
 * Stateless.
 */
public final class RoleSafetyCheck {
    private RoleSafetyCheck() {
    }

    /**
     * Throws {@link IllegalStateException} naming every problem found for the role {@code ds} logs in as;
     * returns the role's name.
     */
    public static String verify(DataSource ds, String purpose) {
        List<String> problems = new ArrayList<>();
        String role;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select current_user as role, r.rolsuper, r.rolbypassrls,
                            (select count(*) from pg_catalog.pg_class c
                               join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                              where n.nspname = 'ethiq'
                                and pg_catalog.pg_has_role(current_user, c.relowner, 'MEMBER')) as owned,
                            coalesce((select pg_catalog.pg_has_role(current_user, n.nspowner, 'MEMBER')
                                        from pg_catalog.pg_namespace n where n.nspname = 'ethiq'), false) as schema_owner,
                            coalesce((select pg_catalog.has_schema_privilege(current_user, n.oid, 'CREATE')
                                        from pg_catalog.pg_namespace n where n.nspname = 'ethiq'), false) as can_create,
                            exists (select 1 from pg_catalog.pg_namespace n where n.nspname = 'ethiq') as schema_exists
                       from pg_catalog.pg_roles r where r.rolname = current_user""")) {
            if (!rs.next()) {
                throw new IllegalStateException(purpose + ": cannot read the current role");
            }
            role = rs.getString("role");
            if (!rs.getBoolean("schema_exists")) {
                problems.add("schema ethiq does not exist (run the bootstrap and the migrations first)");
            }
            if (rs.getBoolean("rolsuper")) {
                problems.add("is a superuser");
            }
            if (rs.getBoolean("rolbypassrls")) {
                problems.add("has BYPASSRLS");
            }
            if (rs.getLong("owned") > 0) {
                problems.add("owns (or is a member of the owner of) " + rs.getLong("owned") + " relation(s) in ethiq");
            }
            if (rs.getBoolean("schema_owner")) {
                problems.add("owns (or is a member of the owner of) schema ethiq");
            }
            if (rs.getBoolean("can_create")) {
                problems.add("may CREATE in schema ethiq");
            }
        } catch (SQLException e) {
            throw new PersistenceException(purpose + ": cannot check the database role (SQLSTATE " + e.getSQLState() + ")", e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(purpose + " connects as role '" + role
                    + "', which row-level security would not bind: " + String.join("; ", problems)
                    + ". Connect as the dedicated app/platform role (see docs/supabase.md).");
        }
        return role;
    }
}
