package com.ethiq.adapter.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.PersistenceException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Database failures reach callers as the core's exceptions, with messages that leak nothing. */
class ErrorMappingTest {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Test
    void anUnreachableDatabaseIsAPersistenceExceptionWithoutCredentials() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (PooledDataSource dead = ConnectionPools.create(PoolSettings.of("jdbc:postgresql://localhost:" + closedPort + "/ethiq",
                "ethiq_app", "s3cret-password").withConnectionTimeout(Duration.ofMillis(500)).withMaximumPoolSize(1))) {
            TenantTransactions tx = new TenantTransactions(Jdbi.create(dead), Jdbi.create(dead), TestDatabase.CONTEXT_KEYS);
            assertThatThrownBy(() -> tx.inTenant(TenantId.random(), h -> h.createQuery("select 1").mapTo(Integer.class).one()))
                    .isInstanceOf(PersistenceException.class)
                    .hasMessageNotContaining("s3cret-password");
            assertThat(dead.toString()).doesNotContain("s3cret");
        }
        assertThat(PoolSettings.of("jdbc:postgresql://h/db?password=x", "u", "s3cret").toString()).doesNotContain("s3cret")
                .doesNotContain("password=x");
    }

    @Test
    void aStatementTimeoutIsAPersistenceException() {
        try (PooledDataSource impatient = ConnectionPools.create(PoolSettings.of(db.jdbcUrl(), TestDatabase.ROLES.app(),
                TestDatabase.APP_PASSWORD).withStatementTimeout(Duration.ofMillis(200)).withMaximumPoolSize(1))) {
            TenantTransactions tx = new TenantTransactions(Jdbi.create(impatient), Jdbi.create(impatient), TestDatabase.CONTEXT_KEYS);
            assertThatThrownBy(() -> tx.inTenant(TenantId.random(), h -> h.createQuery("select pg_sleep(2)").mapTo(String.class).one()))
                    .isInstanceOf(PersistenceException.class).hasMessageContaining("57014");
        }
    }

    @Test
    void aDuplicateIsAConflictNamingTheFieldNotTheValue() {
        TenantId t = db.newTenant();
        var phone = TestDatabase.shared().uniqueNumber();
        db.store().emergencyContacts().add(new EmergencyContact(UUID.randomUUID(), t, "Sophie", phone, "", Instant.now()));

        assertThatThrownBy(() -> db.store().emergencyContacts().add(new EmergencyContact(UUID.randomUUID(), t, "Luc", phone, "", Instant.now())))
                .isInstanceOf(ConflictException.class)
                .hasMessage("'phone' is already an emergency contact of this account")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(phone.e164()));
    }

    @Test
    void aRowBreakingACheckIsBadInput() {
        TenantId t = db.newTenant();
        assertThatThrownBy(() -> db.store().transactions().inTenant(t, h -> h.createUpdate(
                "update ethiq.tenant_settings set ai_daily_budget = -1 where account_id = :t").bind("t", t.value()).execute()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant_settings_ai_budget_check");
    }

    @Test
    void aRowLevelSecurityRefusalIsAGenericConflict() {
        TenantId mine = db.newTenant();
        TenantId theirs = db.newTenant();
        assertThatThrownBy(() -> db.store().transactions().inTenant(mine, h -> h.createUpdate(
                "insert into ethiq.usage_events (account_id, id, kind, quantity, occurred_at) values (:t, gen_random_uuid(), 'calls', 1, now())")
                .bind("t", theirs.value()).execute()))
                .isInstanceOf(ConflictException.class)
                .hasMessage("the operation is not permitted for this account");
    }
}
