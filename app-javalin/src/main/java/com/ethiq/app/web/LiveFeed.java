package com.ethiq.app.web;

import com.ethiq.app.Adapters;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.usecase.CallObserver;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the call path's notifications out to the dashboards watching each tenant. Events are hints, not data: a call
 * started or ended, its verdict level changed, an alert was raised or delivered — ids, levels and statuses only, never
 * transcript text or phone numbers; the browser then reads the details through the management API, which applies the
 * viewer's permissions. Verdict events are sent only when the level or category changes (not on every partial).
 * Subscribers must be fast and must not throw (they run on the call path's threads).
 *
 * <p>Across nodes: every event of this node's calls is also published on the {@link Adapters.ClusterEvents} bus
 * (PostgreSQL {@code NOTIFY} with a store; nothing in one node), as {@code {"o": feed id, "e": name, "p": payload}};
 * each node's feed hands the events of the other feeds to its own subscribers of that account. So a dashboard
 * connected to any node sees the calls of every node. Thread-safe.
 */
public final class LiveFeed implements CallObserver {

    /** Receives (event name, JSON-able payload) for the tenants it subscribed to. */
    public interface Subscriber extends BiConsumer<String, Map<String, Object>> {
    }

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NAMES = Set.of("call", "verdict", "alert");

    private final Clock clock;
    private final Adapters.ClusterEvents cluster;
    /** Tells this feed's own events apart when the bus brings them back. */
    private final String id = UUID.randomUUID().toString();
    private final ConcurrentHashMap<TenantId, CopyOnWriteArraySet<Subscriber>> byTenant = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CallSid, String> lastLevel = new ConcurrentHashMap<>();

    /** The events of this node's calls only. */
    public LiveFeed(Clock clock) {
        this(clock, Adapters.ClusterEvents.NONE);
    }

    public LiveFeed(Clock clock, Adapters.ClusterEvents cluster) {
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.cluster = Objects.requireNonNull(cluster, "'cluster' must not be null");
        cluster.subscribe(this::fromCluster);
    }

    /** Starts delivering the events of these tenants to {@code subscriber}. */
    public void subscribe(Set<TenantId> tenants, Subscriber subscriber) {
        Objects.requireNonNull(subscriber, "'subscriber' must not be null");
        for (TenantId t : tenants) {
            byTenant.computeIfAbsent(t, k -> new CopyOnWriteArraySet<>()).add(subscriber);
        }
    }

    public void unsubscribe(Subscriber subscriber) {
        byTenant.values().forEach(set -> set.remove(subscriber));
        byTenant.entrySet().removeIf(e -> e.getValue().isEmpty());
    }

    /** Subscribers currently attached to any tenant. */
    public int subscribers() {
        return (int) byTenant.values().stream().flatMap(Set::stream).distinct().count();
    }

    @Override
    public void sessionStarted(TenantId tenant, CallSid callSid) {
        publish(tenant, "call", event(tenant, callSid, "state", "live"));
    }

    @Override
    public void sessionEnded(TenantId tenant, CallSid callSid) {
        lastLevel.remove(callSid);
        publish(tenant, "call", event(tenant, callSid, "state", "ended"));
    }

    @Override
    public void verdictChanged(TenantId tenant, CallSid callSid, Verdict verdict) {
        String level = verdict.label();
        String key = level + "/" + verdict.category();
        if (key.equals(lastLevel.put(callSid, key))) {
            return;
        }
        Map<String, Object> e = event(tenant, callSid, "level", level);
        e.put("score", Math.round(verdict.score() * 100) / 100.0);
        e.put("category", verdict.category().name().toLowerCase(java.util.Locale.ROOT));
        publish(tenant, "verdict", e);
    }

    @Override
    public void alertRaised(TenantId tenant, CallSid callSid, Alert alert) {
        Map<String, Object> e = event(tenant, callSid, "kind", alert.kind().wire());
        e.put("status", "pending");
        publish(tenant, "alert", e);
    }

    @Override
    public void alertDelivered(TenantId tenant, Alert alert, boolean success, boolean permanent) {
        Map<String, Object> e = event(tenant, alert.callSid(), "kind", alert.kind().wire());
        e.put("status", success ? "sent" : permanent ? "failed" : "retrying");
        publish(tenant, "alert", e);
    }

    private Map<String, Object> event(TenantId tenant, CallSid callSid, String key, Object value) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("accountId", tenant.toString());
        e.put("callSid", callSid.value());
        e.put(key, value);
        e.put("at", clock.instant().toString());
        return e;
    }

    private void publish(TenantId tenant, String name, Map<String, Object> payload) {
        deliver(tenant, name, payload);
        if (cluster != Adapters.ClusterEvents.NONE) {
            try {
                cluster.publish(JSON.writeValueAsString(Map.of("o", id, "e", name, "p", payload)));
            } catch (JsonProcessingException e) {
                log.warn("live event not published to the other nodes: {}", e.getMessage());
            }
        }
    }

    /** An event from the bus: another node's (ours come back too and are skipped), for this node's subscribers. */
    private void fromCluster(String message) {
        try {
            var node = JSON.readTree(message);
            String name = node.path("e").asText("");
            if (id.equals(node.path("o").asText()) || !NAMES.contains(name) || !node.path("p").isObject()) {
                return;
            }
            TenantId tenant = TenantId.of(node.path("p").path("accountId").asText(""));
            if (!byTenant.containsKey(tenant)) {
                return;
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            node.path("p").fields().forEachRemaining(f -> {
                if (f.getValue().isValueNode()) {
                    payload.put(f.getKey(), f.getValue().isNumber() ? f.getValue().numberValue() : f.getValue().asText());
                }
            });
            deliver(tenant, name, payload);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            log.debug("ignoring a malformed live event from the cluster");
        }
    }

    private void deliver(TenantId tenant, String name, Map<String, Object> payload) {
        Set<Subscriber> subs = byTenant.get(tenant);
        if (subs == null) {
            return;
        }
        for (Subscriber s : subs) {
            try {
                s.accept(name, payload);
            } catch (RuntimeException e) {
                unsubscribe(s);
            }
        }
    }
}
