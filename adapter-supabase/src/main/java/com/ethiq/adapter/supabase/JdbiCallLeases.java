package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallLeases;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CallLeases} as three columns of {@code call_logs} (V86), written as the platform role: a node's heartbeat is
 * one {@code UPDATE … WHERE lease_node = :node AND call_sid = ANY(:sids)} for all its calls, whatever their tenant;
 * survivors claim lapsed leases with {@code FOR UPDATE SKIP LOCKED}, so two sweepers never take the same call and a
 * lease renewed meanwhile is re-checked and left. Thread-safe.
 */
public final class JdbiCallLeases implements CallLeases {
    private final TenantTransactions tx;

    JdbiCallLeases(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean hold(TenantId tenant, CallSid callSid, String node, Instant now) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        CallLeases.requireNode(node);
        return tx.onPlatform(h -> h.createUpdate("""
                        update ethiq.call_logs set lease_node = :node, lease_heartbeat_at = :now
                         where account_id = :t and call_sid = :sid""")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .bind("node", node)
                .bind("now", Sql.ts(Objects.requireNonNull(now, "'now' must not be null")))
                .execute()) == 1;
    }

    @Override
    public int renew(String node, Collection<CallSid> calls, Instant now) {
        CallLeases.requireNode(node);
        if (calls.isEmpty()) {
            return 0;
        }
        String[] sids = calls.stream().map(CallSid::value).toArray(String[]::new);
        return tx.onPlatform(h -> h.createUpdate("""
                        update ethiq.call_logs set lease_heartbeat_at = :now
                         where lease_node = :node and call_sid = any(:sids)""")
                .bind("node", node)
                .bind("sids", sids)
                .bind("now", Sql.ts(Objects.requireNonNull(now, "'now' must not be null")))
                .execute());
    }

    @Override
    public void release(TenantId tenant, CallSid callSid, String node) {
        CallLeases.requireNode(node);
        tx.onPlatform(h -> h.createUpdate("""
                        update ethiq.call_logs set lease_node = null, lease_heartbeat_at = null
                         where account_id = :t and call_sid = :sid and lease_node = :node""")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .bind("node", node)
                .execute());
    }

    @Override
    public List<Lapsed> claimLapsed(String node, Instant lapsedBefore, Instant now, int max) {
        CallLeases.requireNode(node);
        if (max <= 0) {
            return List.of();
        }
        return tx.onPlatform(h -> {
            // lapsed leases of calls already over cost nothing: dropped here, never handed to the recovery
            h.createUpdate("""
                            update ethiq.call_logs set lease_node = null, lease_heartbeat_at = null
                             where lease_node is not null and lease_heartbeat_at < :before and state = 'ended'""")
                    .bind("before", Sql.ts(Objects.requireNonNull(lapsedBefore, "'lapsedBefore' must not be null")))
                    .execute();
            return h.createQuery("""
                        with due as (
                            select account_id, call_sid, lease_node from ethiq.call_logs
                             where lease_node is not null and lease_heartbeat_at < :before and state <> 'ended'
                             order by lease_heartbeat_at, account_id, call_sid
                             limit :max
                               for update skip locked)
                        update ethiq.call_logs c
                           set lease_node = :node, lease_heartbeat_at = :now, lease_generation = c.lease_generation + 1
                          from due
                         where c.account_id = due.account_id and c.call_sid = due.call_sid
                        returning c.account_id, c.call_sid, due.lease_node as previous_node, c.lease_generation""")
                .bind("node", node)
                .bind("before", Sql.ts(Objects.requireNonNull(lapsedBefore, "'lapsedBefore' must not be null")))
                .bind("now", Sql.ts(Objects.requireNonNull(now, "'now' must not be null")))
                .bind("max", max)
                .map((rs, ctx) -> new Lapsed(new TenantId(Sql.uuid(rs, "account_id")), CallSid.of(rs.getString("call_sid")),
                        rs.getString("previous_node"), rs.getInt("lease_generation")))
                .list();
        });
    }

    @Override
    public Optional<Lease> find(TenantId tenant, CallSid callSid) {
        return tx.platformRead(h -> h.createQuery("""
                        select account_id, call_sid, lease_node, lease_heartbeat_at, lease_generation from ethiq.call_logs
                         where account_id = :t and call_sid = :sid and lease_node is not null""")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .map((rs, ctx) -> new Lease(new TenantId(Sql.uuid(rs, "account_id")), CallSid.of(rs.getString("call_sid")),
                        rs.getString("lease_node"), Sql.instant(rs, "lease_heartbeat_at"), rs.getInt("lease_generation")))
                .findOne());
    }
}
