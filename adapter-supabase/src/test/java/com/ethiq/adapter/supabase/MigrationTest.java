package com.ethiq.adapter.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Migrations from an empty database, re-runs, and the bootstrap's idempotence. */
class MigrationTest {
    private static final DatabaseRoles ROLES = TestDatabase.ROLES;

    private static long shippedMigrations() throws IOException, URISyntaxException {
        Path dir = Path.of(MigrationTest.class.getClassLoader().getResource("db/migration").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
        }
    }

    @Test
    void anEmptyDatabaseMigratesFullyAndAReRunChangesNothing() throws Exception {
        try (TestDatabase.Database empty = TestDatabase.shared().emptyDatabase()) {
            DatabaseBootstrap bootstrap = new DatabaseBootstrap(ROLES);
            bootstrap.run(empty.superuserDataSource(), TestDatabase.APP_PASSWORD, TestDatabase.PLATFORM_PASSWORD);
            bootstrap.run(empty.superuserDataSource(), null, null);
            DatabaseMigrator migrator = new DatabaseMigrator(ROLES);

            assertThat(migrator.migrate(empty.superuserDataSource())).isEqualTo(shippedMigrations());
            assertThat(migrator.migrate(empty.superuserDataSource())).isZero();
            migrator.validate(empty.superuserDataSource());

            try (Connection c = empty.superuserDataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*), bool_and(success), min(installed_by) from ethiq.flyway_schema_history "
                         + "where version is not null")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(shippedMigrations());
                assertThat(rs.getBoolean(2)).isTrue();
            }
            // a store refuses to start until the context keys are installed (V51), then works
            assertThatThrownBy(() -> empty.storeBuilder().build()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("context key");
            TestDatabase.CONTEXT_KEYS.install(empty.superuserDataSource(), ROLES);
            SupabaseStore store = empty.storeBuilder().build();
            assertThat(store.tenants().findById(empty.newTenant())).isPresent();
        }
    }

    @Test
    void theSharedTemplateReceivedEveryMigration() throws Exception {
        assertThat(TestDatabase.shared().migrationsAppliedToTemplate()).isEqualTo(shippedMigrations());
        new DatabaseMigrator(ROLES).validate(TestDatabase.shared().database().superuserDataSource());
    }

    @Test
    void migrationsUseOnlyAllottedVersions() throws Exception {
        // V1-V49 are this adapter's; V50-V99 belong to the management API (identity tables, see V50__identity.sql);
        // from V100 on, versions are allotted one change at a time
        Path dir = Path.of(MigrationTest.class.getClassLoader().getResource("db/migration").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .allSatisfy(name -> assertThat(Integer.parseInt(name.substring(1, name.indexOf("__")))).isBetween(1, 199));
        }
    }

    @Test
    void roleNamesAreCheckedBeforeTheyReachSql() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DatabaseRoles("owner", "app; drop table x", "platform"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'app' role");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DatabaseRoles("same", "same", "platform"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static void exec(TestDatabase.Database db, String sql) throws SQLException {
        try (Connection c = db.superuserDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
