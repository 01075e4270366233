package com.ethiq.adapter.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.port.TenantSecrets.SecretKind;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Node A writes, node B's listener hears the tenant id; a lost connection is re-established and reported. */
class TenantChangeListenerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestDatabase.Database db = TestDatabase.shared().database();

    private static final class Recorder implements TenantChangeCallback {
        final List<TenantId> changed = new CopyOnWriteArrayList<>();
        final AtomicInteger resyncs = new AtomicInteger();

        @Override
        public void tenantChanged(TenantId tenant) {
            changed.add(tenant);
        }

        @Override
        public void resync() {
            resyncs.incrementAndGet();
        }
    }

    @Test
    void aWriteOnOneNodeReachesTheOtherNodesListener() throws Exception {
        try (PooledDataSource poolA = db.newAppPool(2, false); PooledDataSource poolB = db.newAppPool(2, false);
             TenantChangeListener listenerB = new TenantChangeListener(db.directAppDataSource(), Duration.ofMillis(50), Duration.ofSeconds(1))) {
            SupabaseStore nodeA = db.storeBuilder().appDataSource(poolA).build();
            db.storeBuilder().appDataSource(poolB).build();
            Recorder onB = new Recorder();
            listenerB.addCallback(onB);
            listenerB.start();
            assertThat(listenerB.awaitListening(WAIT)).isTrue();
            TenantId tenant = db.newTenant();
            TenantId untouched = db.newTenant();
            assertThat(TestDatabase.eventually(WAIT, () -> onB.changed.contains(untouched))).isTrue();
            onB.changed.clear();

            nodeA.tenants().updateStatus(tenant, AccountStatus.SUSPENDED);
            assertThat(TestDatabase.eventually(WAIT, () -> onB.changed.contains(tenant))).isTrue();
            onB.changed.clear();
            nodeA.tenants().updateSettings(tenant, TenantSettings.defaults().withRetention(Duration.ofDays(7)));
            assertThat(TestDatabase.eventually(WAIT, () -> onB.changed.contains(tenant))).isTrue();
            onB.changed.clear();
            nodeA.tenantSecrets().storeSecret(tenant, SecretKind.AI_API_KEY, Secret.of("sk-listener-test"));
            assertThat(TestDatabase.eventually(WAIT, () -> onB.changed.contains(tenant))).isTrue();

            assertThat(onB.changed).doesNotContain(untouched);
            assertThat(onB.resyncs.get()).isZero();
        }
    }

    @Test
    void aRolledBackWriteSendsNothing() throws Exception {
        try (TenantChangeListener listener = new TenantChangeListener(db.directAppDataSource(), Duration.ofMillis(50), Duration.ofSeconds(1))) {
            Recorder recorder = new Recorder();
            listener.addCallback(recorder);
            listener.start();
            assertThat(listener.awaitListening(WAIT)).isTrue();
            TenantId tenant = db.newTenant();
            TenantId marker = db.newTenant();
            assertThat(TestDatabase.eventually(WAIT, () -> recorder.changed.contains(marker))).isTrue();
            recorder.changed.clear();

            try {
                db.store().transactions().inTenant(tenant, h -> {
                    h.createUpdate("update ethiq.accounts set status = 'suspended' where id = :id").bind("id", tenant.value()).execute();
                    throw new IllegalStateException("roll back");
                });
            } catch (IllegalStateException expected) {
                // the update is rolled back, and so is its notification
            }
            TenantId after = db.newTenant();
            assertThat(TestDatabase.eventually(WAIT, () -> recorder.changed.contains(after))).isTrue();
            assertThat(recorder.changed).doesNotContain(tenant);
        }
    }

    @Test
    void aLostConnectionIsReEstablishedAndCachesAreToldToResync() throws Exception {
        try (TenantChangeListener listener = new TenantChangeListener(db.directAppDataSource(), Duration.ofMillis(50), Duration.ofMillis(500))) {
            Recorder recorder = new Recorder();
            listener.addCallback(recorder);
            listener.start();
            assertThat(listener.awaitListening(WAIT)).isTrue();

            try (Connection c = db.superuserDataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'ethiq-direct' "
                        + "and query ilike 'listen%'");
            }

            assertThat(TestDatabase.eventually(WAIT, () -> recorder.resyncs.get() == 1 && listener.connections() == 2)).isTrue();
            TenantId tenant = db.newTenant();
            assertThat(TestDatabase.eventually(WAIT, () -> recorder.changed.contains(tenant))).isTrue();
        }
    }
}
