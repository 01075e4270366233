package com.ethiq.adapter.supabase;

import com.ethiq.core.port.PersistenceException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the Flyway migrations of {@code db/migration} to the {@code ethiq} schema. Give it a direct (or
 * session-mode pooler) connection of a login that may {@code SET ROLE} to the owner role: every object is then
 * created by, and owned by, the owner. Never a transaction-mode pooler (Flyway holds session advisory locks).
 * Thread-safe; concurrent runs on one database serialise on Flyway's lock.
 */
public final class DatabaseMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseMigrator.class);

    private final DatabaseRoles roles;

    public DatabaseMigrator(DatabaseRoles roles) {
        this.roles = Objects.requireNonNull(roles, "'roles' must not be null");
    }

    /** Migrates to the latest version; returns how many migrations this call applied (0 when up to date). */
    public int migrate(DataSource migrationLogin) {
        Objects.requireNonNull(migrationLogin, "'migrationLogin' must not be null");
        try {
            MigrateResult result = flyway(migrationLogin).migrate();
            LOG.info("schema {} at version {} ({} migration(s) applied)", DatabaseRoles.SCHEMA,
                    result.targetSchemaVersion, result.migrationsExecuted);
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new PersistenceException("database migration failed: " + e.getMessage(), e);
        }
    }

    /** Checks that the applied migrations match the ones shipped (checksums, nothing pending). */
    public void validate(DataSource migrationLogin) {
        try {
            flyway(migrationLogin).validate();
        } catch (FlywayException e) {
            throw new PersistenceException("database schema does not match the shipped migrations: " + e.getMessage(), e);
        }
    }

    private Flyway flyway(DataSource ds) {
        return Flyway.configure(DatabaseMigrator.class.getClassLoader())
                .dataSource(ds)
                .schemas(DatabaseRoles.SCHEMA)
                .defaultSchema(DatabaseRoles.SCHEMA)
                // the bootstrap creates the schema with the owner as its owner; Flyway must not create it as the login
                .createSchemas(false)
                .initSql("set role " + roles.owner())
                .placeholders(roles.placeholders())
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load();
    }
}
