package com.ethiq.adapter.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 2: the test server, set up like the embedded default, trusts no local user. The superuser without
 * its password and the app role with a wrong one are refused, over TCP; the right passwords get in.
 */
class LocalAuthenticationTest {
    private final TestDatabase server = TestDatabase.shared();

    @Test
    void theSuperuserWithoutAPasswordAndTheAppRoleWithAWrongOneAreRefused() throws SQLException {
        String url = server.jdbcUrl("postgres");
        assertThatThrownBy(() -> connect(url, "postgres", null)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect(url, "postgres", "postgres")).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
        assertThatThrownBy(() -> connect(url, TestDatabase.ROLES.app(), "any password")).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
        assertThatThrownBy(() -> connect(url, TestDatabase.ROLES.platform(), "")).isInstanceOf(SQLException.class);
        // positive controls
        connect(url, TestDatabase.ROLES.app(), TestDatabase.APP_PASSWORD).close();
        connect(url, "postgres", TestDatabase.SUPERUSER_PASSWORD).close();
    }

    @Test
    void theServerFileAsksForScramEverywhere() throws Exception {
        try (Connection c = connect(server.jdbcUrl("postgres"), "postgres", TestDatabase.SUPERUSER_PASSWORD);
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) filter (where auth_method <> 'scram-sha-256'), count(*) from pg_hba_file_rules")) {
            rs.next();
            assertThat(rs.getInt(1)).as("rules that are not SCRAM").isZero();
            assertThat(rs.getInt(2)).isPositive();
        }
    }

    @Test
    void enforceRewritesATrustingFileAndIsIdempotent() throws Exception {
        Path dir = Files.createTempDirectory("hba");
        Files.writeString(dir.resolve("pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
        try (Connection c = connect(server.jdbcUrl("postgres"), "postgres", TestDatabase.SUPERUSER_PASSWORD)) {
            // the real server's password is set again to the same value; the file in the temp folder is rewritten
            assertThat(LocalServerAuth.enforce(dir, c, TestDatabase.SUPERUSER_PASSWORD)).isTrue();
            assertThat(Files.readString(dir.resolve("pg_hba.conf"))).doesNotContain("trust");
            assertThat(LocalServerAuth.enforce(dir, c, TestDatabase.SUPERUSER_PASSWORD)).isFalse();
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(url, p);
    }
}
