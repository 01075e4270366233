package com.ethiq.adapter.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The audit log is append-only in the database itself and hash-chained per tenant: concurrent appends never fork
 * the chain, and the chain can be recomputed by SQL (the verification the management API will expose).
 */
class AuditChainTest {
    /** Rows whose hash or link does not match a recomputation (empty when the chain is intact). */
    static final String BROKEN_LINKS = """
            select seq from (
                select seq, hash, prev_hash, lag(hash) over (order by seq) as previous, lag(seq) over (order by seq) as previous_seq,
                       ethiq.audit_hash(prev_hash, ethiq.audit_canonical(account_id, seq, id, actor, action, target, occurred_at, details))
                           as recomputed
                  from ethiq.audit_log where account_id = ?) c
             where hash <> recomputed or prev_hash is distinct from previous or seq <> coalesce(previous_seq, 0) + 1""";

    private final TestDatabase.Database db = TestDatabase.shared().freshDatabase();

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private List<Long> brokenLinks(TenantId tenant) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = db.superuserDataSource().getConnection(); PreparedStatement ps = c.prepareStatement(BROKEN_LINKS)) {
            ps.setObject(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private long entries(TenantId tenant) throws SQLException {
        try (Connection c = db.superuserDataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*), max(seq) from ethiq.audit_log where account_id = ?")) {
            ps.setObject(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(2)).isEqualTo(rs.getLong(1));
                return rs.getLong(1);
            }
        }
    }

    @Test
    void concurrentAppendsFromTwoNodesFormOneUnbrokenChain() throws Exception {
        TenantId tenant = db.newTenant();
        long before = entries(tenant);
        SupabaseStore nodeA = db.storeBuilder().appDataSource(db.newAppPool(4, false)).build();
        SupabaseStore nodeB = db.storeBuilder().appDataSource(db.newAppPool(4, false)).build();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int w = 0; w < 6; w++) {
                SupabaseStore node = w % 2 == 0 ? nodeA : nodeB;
                int worker = w;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 10; i++) {
                        node.auditTrail().append(new AuditEvent(UUID.randomUUID(), tenant, "user:" + worker, "contact.viewed",
                                "contact:" + i, "203.0.113." + worker, "ua", Instant.parse("2026-03-01T10:00:00Z").plusSeconds(i),
                                Map.of("i", String.valueOf(i), "worker", String.valueOf(worker))));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(entries(tenant)).isEqualTo(before + 60);
        assertThat(brokenLinks(tenant)).isEmpty();
    }

    @Test
    void nobodyCanUpdateOrDeleteAnEntryNotEvenTheOwnerOrARoleThatBypassesRls() throws Exception {
        TenantId tenant = db.newTenant();
        db.store().auditTrail().append(AuditEvent.system(UUID.randomUUID(), tenant, "call.received", "", Instant.now(), Map.of()));
        db.store().auditTrail().append(new AuditEvent(UUID.randomUUID(), null, "system", "call.unknown_number", "", "", "",
                Instant.now(), Map.of()));
        db.store().usageLedger().record(new com.ethiq.core.domain.UsageEvent(UUID.randomUUID(), tenant, null,
                com.ethiq.core.domain.UsageKind.CALLS, 1, Instant.now(), ""));
        long before = entries(tenant);
        List<String> changes = List.of(
                "update ethiq.audit_log set action = 'edited' where account_id = '" + tenant + "'",
                "delete from ethiq.audit_log where account_id = '" + tenant + "'",
                "truncate ethiq.audit_log cascade",
                "update ethiq.usage_events set quantity = 0",
                "delete from ethiq.usage_events",
                "truncate ethiq.platform_audit_log");
        try (Connection c = db.superuserDataSource().getConnection(); Statement s = c.createStatement()) {
            // the superuser stands for any BYPASSRLS role (Supabase's postgres): the triggers refuse
            for (String sql : changes) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
            // the owner has no policy at all: FORCE makes its updates see no row, and TRUNCATE hits the trigger
            s.execute("set role " + TestDatabase.ROLES.owner());
            for (String sql : changes) {
                try {
                    s.execute(sql);
                    assertThat(s.getUpdateCount()).as(sql).isZero();
                } catch (SQLException e) {
                    assertThat(e.getSQLState()).as(sql).isEqualTo("42501");
                }
            }
        }
        assertThat(entries(tenant)).isEqualTo(before);
    }

    @Test
    void anEditedEntryBreaksTheChain() throws Exception {
        TenantId tenant = db.newTenant();
        for (int i = 0; i < 5; i++) {
            db.store().auditTrail().append(AuditEvent.system(UUID.randomUUID(), tenant, "call.received", "call:" + i,
                    Instant.parse("2026-03-01T10:00:00Z").plusSeconds(i), Map.of()));
        }
        assertThat(brokenLinks(tenant)).isEmpty();
        long target = entries(tenant) - 2;
        try (Connection c = db.superuserDataSource().getConnection(); Statement s = c.createStatement()) {
            // only a superuser disabling the trigger can edit; the chain still tells
            s.execute("alter table ethiq.audit_log disable trigger audit_log_append_only");
            s.execute("update ethiq.audit_log set target = 'call:forged' where account_id = '" + tenant + "' and seq = " + target);
            s.execute("alter table ethiq.audit_log enable trigger audit_log_append_only");
        }
        assertThat(brokenLinks(tenant)).containsExactly(target);
    }

    @Test
    void clientSuppliedChainValuesAreIgnored() throws Exception {
        TenantId tenant = db.newTenant();
        long before = entries(tenant);
        // the platform role (jobs) inserts directly; the app role may not insert at all (V51, ForgedContextTest)
        db.store().transactions().onPlatform(h -> h.createUpdate("""
                        insert into ethiq.audit_log (account_id, seq, id, actor, action, occurred_at, prev_hash, hash)
                        values (:t, 999, gen_random_uuid(), 'x', 'forged.chain', now(), '\\x00', '\\x00')""")
                .bind("t", tenant.value()).execute());
        assertThat(entries(tenant)).isEqualTo(before + 1);
        assertThat(brokenLinks(tenant)).isEmpty();
    }
}
