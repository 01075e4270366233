package com.ethiq.core.fake;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallLeases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CallLeases} in memory: one lock makes every claim atomic, as {@code FOR UPDATE SKIP LOCKED} does in
 * PostgreSQL. Shared by the cores of one JVM (a test's "nodes"). Thread-safe.
 */
public final class InMemoryCallLeases implements CallLeases {
    private final Map<CallSid, Lease> leases = new LinkedHashMap<>();

    @Override
    public synchronized boolean hold(TenantId tenant, CallSid callSid, String node, Instant now) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        CallLeases.requireNode(node);
        Lease before = leases.get(callSid);
        if (before != null && !before.tenant().equals(tenant)) {
            return false; // call sids are unique per provider; another tenant's lease is not touched
        }
        leases.put(callSid, new Lease(tenant, callSid, node, now, before == null ? 0 : before.generation()));
        return true;
    }

    @Override
    public synchronized int renew(String node, Collection<CallSid> calls, Instant now) {
        int renewed = 0;
        for (CallSid sid : calls) {
            Lease l = leases.get(sid);
            if (l != null && l.node().equals(node)) {
                leases.put(sid, new Lease(l.tenant(), sid, node, now, l.generation()));
                renewed++;
            }
        }
        return renewed;
    }

    @Override
    public synchronized void release(TenantId tenant, CallSid callSid, String node) {
        Lease l = leases.get(callSid);
        if (l != null && l.tenant().equals(tenant) && l.node().equals(node)) {
            leases.remove(callSid);
        }
    }

    @Override
    public synchronized List<Lapsed> claimLapsed(String node, Instant lapsedBefore, Instant now, int max) {
        CallLeases.requireNode(node);
        List<Lease> due = leases.values().stream()
                .filter(l -> l.heartbeatAt().isBefore(lapsedBefore))
                .sorted(Comparator.comparing(Lease::heartbeatAt))
                .limit(Math.max(0, max))
                .toList();
        List<Lapsed> claimed = new ArrayList<>(due.size());
        for (Lease l : due) {
            int generation = l.generation() + 1;
            leases.put(l.callSid(), new Lease(l.tenant(), l.callSid(), node, now, generation));
            claimed.add(new Lapsed(l.tenant(), l.callSid(), l.node(), generation));
        }
        return claimed;
    }

    @Override
    public synchronized Optional<Lease> find(TenantId tenant, CallSid callSid) {
        return Optional.ofNullable(leases.get(callSid)).filter(l -> l.tenant().equals(tenant));
    }
}
