package com.ethiq.adapter.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.domain.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The state two nodes share through the store (V88): each node has its own pools, as separate processes would. AI
 * budgets are reserved atomically, notifications reach the other node. (A media token's single use on the cluster is
 * the call log's stream claim: {@code JdbiCallLogsContractTest}, {@code ClusterWideStateTest} in app-javalin.)
 */
class ClusterStateTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Test
    void concurrentReservationsOfTwoNodesNeverExceedTheBudget() throws Exception {
        try (PooledDataSource poolA = db.newAppPool(4, false); PooledDataSource poolB = db.newAppPool(4, false)) {
            SupabaseStore a = db.storeBuilder().appDataSource(poolA).build();
            SupabaseStore b = db.storeBuilder().appDataSource(poolB).build();
            TenantId tenant = db.newTenant();
            LocalDate day = LocalDate.of(2026, 12, 6);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> grants = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    SupabaseStore node = i % 2 == 0 ? a : b;
                    grants.add(pool.submit(() -> node.aiBudgetLedger().reserve(tenant, day, 3, 50)));
                }
                int total = 0;
                for (Future<Integer> g : grants) {
                    int n = g.get();
                    assertThat(n).isBetween(0, 3);
                    total += n;
                }
                assertThat(total).isEqualTo(50);
            } finally {
                pool.shutdownNow();
            }
            assertThat(a.aiBudgetLedger().reserve(tenant, day, 1, 50)).isZero();
            assertThat(b.aiBudgetLedger().reserve(tenant, day, 5, 52)).as("a raised budget applies at once").isEqualTo(2);
            assertThat(a.aiBudgetLedger().reserve(tenant, day.plusDays(1), 5, 50)).as("a new day").isEqualTo(5);
        }
    }

    @Test
    void aNotificationSentByOneNodeReachesTheOtherNodesListenerInOrder() throws Exception {
        try (PooledDataSource poolA = db.newAppPool(2, false);
             TenantChangeListener listenerB = new TenantChangeListener(db.directAppDataSource(), Duration.ofMillis(50), Duration.ofSeconds(1))) {
            SupabaseStore a = db.storeBuilder().appDataSource(poolA).build();
            List<String> heard = new CopyOnWriteArrayList<>();
            listenerB.start();
            listenerB.listen("ethiq_test_events", heard::add);
            assertThat(listenerB.awaitListening(WAIT)).isTrue();
            // the channel is listened to within a poll interval of being added
            assertThat(TestDatabase.eventually(WAIT, () -> {
                a.notifications().send("ethiq_test_events", List.of("probe"));
                return heard.contains("probe");
            })).isTrue();
            a.notifications().send("ethiq_test_events", List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"));
            assertThat(TestDatabase.eventually(WAIT, () -> heard.contains("{\"n\":3}"))).isTrue();
            assertThat(heard.stream().filter(p -> !p.equals("probe")).toList())
                    .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        }
    }

    private long count(String sql, Object param) {
        try (var c = db.superuserDataSource().getConnection(); var ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
