package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.PhoneNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AlertOutbox;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Session state never crosses units of work (pool of one connection, many threads on a small pool), and two
 * nodes (two pools, two stores) racing on the same alert leave one row and claim each alert once.
 */
class PoolingAndConcurrencyTest {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    private static String currentSetting(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_setting('app.current_account_id', true)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void onOneConnectionNothingCarriesOverFromOneUnitOfWorkToTheNext() throws Exception {
        try (PooledDataSource single = db.newAppPool(1, false)) {
            TenantTransactions tx = new TenantTransactions(Jdbi.create(single), Jdbi.create(db.platformDataSource()), TestDatabase.CONTEXT_KEYS);
            TenantId a = db.newTenant();
            TenantId b = db.newTenant();
            String countContacts = "select count(*) from ethiq.emergency_contacts";
            db.store().emergencyContacts().add(new EmergencyContact(UUID.randomUUID(), a, "Anne", TestDatabase.shared().uniqueNumber(),
                    "", Instant.parse("2026-03-01T10:00:00Z")));

            assertThat(contacts(tx, a)).isEqualTo(1);
            assertThat(contacts(tx, b)).isZero();
            // a unit of work that fails after setting the tenant
            assertThatThrownBy(() -> tx.inTenant(a, h -> {
                h.createQuery(countContacts).mapTo(Long.class).one();
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            // one that fails inside the database
            assertThatThrownBy(() -> tx.inTenant(a, h -> h.createQuery("select 1/0").mapTo(Integer.class).one()))
                    .isInstanceOf(com.ethiq.core.port.PersistenceException.class);
            assertThat(contacts(tx, b)).isZero();
            assertThat(contacts(tx, a)).isEqualTo(1);

            // the same physical connection, outside any unit of work: no tenant, nothing visible
            try (Connection c = single.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(countContacts)) {
                assertThat(currentSetting(c)).isEmpty();
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    private static long contacts(TenantTransactions tx, TenantId tenant) {
        Long n = tx.inTenant(tenant, h -> h.createQuery("select count(*) from ethiq.emergency_contacts").mapTo(Long.class).one());
        return n;
    }

    @Test
    void manyThreadsAlternatingTenantsOnASmallPoolEachSeeTheirOwnRowsOnly() throws Exception {
        try (PooledDataSource small = db.newAppPool(2, false)) {
            TenantTransactions tx = new TenantTransactions(Jdbi.create(small), Jdbi.create(db.platformDataSource()), TestDatabase.CONTEXT_KEYS);
            List<TenantId> tenants = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                TenantId t = db.newTenant();
                for (int k = 0; k <= i; k++) {
                    db.store().emergencyContacts().add(new EmergencyContact(UUID.randomUUID(), t, "C" + k,
                            TestDatabase.shared().uniqueNumber(), "", Instant.parse("2026-03-01T10:00:00Z")));
                }
                tenants.add(t);
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            AtomicInteger checks = new AtomicInteger();
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int thread = 0; thread < 8; thread++) {
                    int offset = thread;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 50; i++) {
                            int index = (offset + i) % tenants.size();
                            TenantId t = tenants.get(index);
                            List<UUID> owners = tx.inTenant(t, h -> h.createQuery("select account_id from ethiq.emergency_contacts")
                                    .mapTo(UUID.class).list());
                            assertThat(owners).hasSize(index + 1).allMatch(t.value()::equals);
                            checks.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(checks.get()).isEqualTo(400);
        }
    }

    @Test
    void twoNodesRacingToRecordTheSameAlertLeaveExactlyOneRow() throws Exception {
        try (PooledDataSource appA = db.newAppPool(4, false); PooledDataSource appB = db.newAppPool(4, false)) {
            AlertOutbox nodeA = db.storeBuilder().appDataSource(appA).build().alertOutbox();
            AlertOutbox nodeB = db.storeBuilder().appDataSource(appB).build().alertOutbox();
            TenantId tenant = db.newTenant();
            int rounds = 20;
            int recorded = 0;
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < rounds; round++) {
                    CallSid call = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
                    String recipient = TestDatabase.shared().uniqueNumber().e164();
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Boolean>> results = new ArrayList<>();
                    for (AlertOutbox node : List.of(nodeA, nodeB, nodeA, nodeB)) {
                        results.add(pool.submit(() -> {
                            go.await();
                            return node.enqueue(Alert.pending(UUID.randomUUID(), tenant, call, new AlertRecipient.Phone(PhoneNumber.of(recipient)),
                                    "Alerte", Language.FRENCH, Instant.parse("2026-03-01T10:00:00Z")));
                        }));
                    }
                    go.countDown();
                    int winners = 0;
                    for (Future<Boolean> f : results) {
                        winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                    }
                    assertThat(winners).isEqualTo(1);
                    assertThat(nodeB.forCall(tenant, call)).hasSize(1);
                    recorded++;
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(recorded).isEqualTo(rounds);
        }
    }

    @Test
    void twoNodesClaimingDueAlertsClaimEachOnce() throws Exception {
        try (TestDatabase.Database fresh = TestDatabase.shared().freshDatabase()) {
            PooledDataSource platformA = fresh.newPlatformPool(3, false);
            PooledDataSource platformB = fresh.newPlatformPool(3, false);
            AlertOutbox nodeA = fresh.storeBuilder().platformDataSource(platformA).build().alertOutbox();
            AlertOutbox nodeB = fresh.storeBuilder().platformDataSource(platformB).build().alertOutbox();
            Instant now = Instant.parse("2026-03-01T10:00:00Z");
            Set<String> enqueued = new HashSet<>();
            for (int t = 0; t < 5; t++) {
                TenantId tenant = fresh.newTenant();
                for (int i = 0; i < 40; i++) {
                    Alert alert = Alert.pending(UUID.randomUUID(), tenant, CallSid.of("CA" + UUID.randomUUID().toString().replace("-", "")),
                            new AlertRecipient.Phone(TestDatabase.shared().uniqueNumber()), "Alerte", Language.FRENCH, now);
                    nodeA.enqueue(alert);
                    enqueued.add(tenant + "/" + alert.id());
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<List<String>>> workers = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            try {
                for (int w = 0; w < 6; w++) {
                    AlertOutbox node = w % 2 == 0 ? nodeA : nodeB;
                    workers.add(pool.submit(() -> {
                        go.await();
                        List<String> got = new ArrayList<>();
                        List<Alert> batch;
                        do {
                            batch = node.claimDue(now, 7, Duration.ofMinutes(5));
                            batch.forEach(x -> got.add(x.tenant() + "/" + x.id()));
                        } while (!batch.isEmpty());
                        return got;
                    }));
                }
                go.countDown();
                List<String> claimed = new ArrayList<>();
                for (Future<List<String>> f : workers) {
                    claimed.addAll(f.get(60, TimeUnit.SECONDS));
                }
                assertThat(claimed).hasSize(200).doesNotHaveDuplicates();
                assertThat(new HashSet<>(claimed)).isEqualTo(enqueued);
            } finally {
                pool.shutdownNow();
            }
            // each claim left one audit entry in the tenant's chain
            try (Connection c = fresh.superuserDataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from ethiq.audit_log where action = 'alert.claimed'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(200);
            }
        }
    }

    @Test
    void prepareThresholdZeroLeavesNoServerSidePreparedStatements() throws Exception {
        try (PooledDataSource txMode = db.newAppPool(1, true); PooledDataSource sessionMode = db.newAppPool(1, false)) {
            SupabaseStore viaPooler = db.storeBuilder().appDataSource(txMode).build();
            SupabaseStore direct = db.storeBuilder().appDataSource(sessionMode).build();
            TenantId t = db.newTenant();
            for (int i = 0; i < 10; i++) {
                viaPooler.emergencyContacts().list(t);
                direct.emergencyContacts().list(t);
            }
            assertThat(preparedStatements(txMode)).isZero();
            assertThat(preparedStatements(sessionMode)).isPositive();
        }
    }

    private static long preparedStatements(PooledDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pg_prepared_statements where from_sql = false")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
