package com.ethiq.app.web;

import com.ethiq.app.CoreAssembly;
import com.ethiq.app.EthiqApp;
import com.ethiq.core.domain.TenantId;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /ready}: whether a load balancer should send this node new calls. 200 while the node accepts calls and its
 * store answers a query; 503 once shutdown has begun ({@link #drain()}, before the live calls are drained) or when the
 * store fails. Liveness stays {@code GET /health}: a draining or database-less node is alive, just not ready.
 * It answers within about a second whatever the store does: when the call path already knows the store is down, it
 * does not ask; otherwise one probe at a time runs on its own thread and is waited for at most {@link #PROBE_WAIT}
 * (a frozen database does not refuse a query, it never answers). The body says what is degraded and what the call
 * path keeps in memory meanwhile. Thread-safe.
 */
public final class Readiness implements EthiqApp.RouteModule {
    public static final String PATH = "/ready";
    /** An id no tenant has: looking it up is a real round trip through the app role's pool, and finds nothing. */
    private static final TenantId PROBE = new TenantId(new UUID(0, 0));
    private static final Logger log = LoggerFactory.getLogger(Readiness.class);

    static final java.time.Duration PROBE_WAIT = java.time.Duration.ofMillis(800);

    private final AtomicBoolean draining = new AtomicBoolean();
    private final java.util.concurrent.ExecutorService probes = java.util.concurrent.Executors.newSingleThreadExecutor(
            com.ethiq.core.concurrent.DaemonThreads.single("ethiq-ready-probe"));
    private final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.Future<?>> inFlight =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** From now on the node answers 503: the load balancer stops sending new calls while live ones finish. */
    public void drain() {
        if (draining.compareAndSet(false, true)) {
            log.info("readiness: draining, {} answers 503 from now on", PATH);
        }
    }

    public boolean draining() {
        return draining.get();
    }

    @Override
    public void register(JavalinConfig config, CoreAssembly assembly) {
        config.routes.get(PATH, ctx -> answer(ctx, assembly));
    }

    private void answer(Context ctx, CoreAssembly assembly) {
        Map<String, Object> body = new LinkedHashMap<>();
        var writes = assembly.core().storeWrites();
        String store = writes.suspect(PROBE_WAIT) ? "unavailable" : probe(assembly);
        boolean ready = !draining.get() && "ok".equals(store);
        body.put("status", draining.get() ? "draining" : ready ? "ready" : "not_ready");
        body.put("store", store);
        if (!"ok".equals(store)) {
            body.put("degraded", java.util.List.of("store: calls are answered from cached tenants, detection and alerts "
                    + "go on from memory, writes wait for the database"));
        }
        body.put("pendingWrites", writes.pending());
        body.put("pendingWriteCalls", writes.pendingCalls());
        body.put("droppedTranscriptLines", writes.dropped());
        body.put("liveCalls", assembly.core().callSessions().liveCount());
        ctx.header("Cache-Control", "no-store");
        ctx.status(ready ? 200 : 503).json(body);
    }

    /** "ok", "unavailable" (the query failed) or "unresponsive" (no answer within {@link #PROBE_WAIT}). */
    private String probe(CoreAssembly assembly) {
        java.util.concurrent.Future<?> f = inFlight.updateAndGet(current -> current != null && !current.isDone() ? current
                : probes.submit(() -> assembly.adapters().tenants().findById(PROBE)));
        try {
            f.get(PROBE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return "ok";
        } catch (java.util.concurrent.TimeoutException e) {
            return "unresponsive"; // left running: the next request waits on the same probe, never queues another
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unavailable";
        } catch (java.util.concurrent.ExecutionException e) {
            return "unavailable";
        }
    }
}
