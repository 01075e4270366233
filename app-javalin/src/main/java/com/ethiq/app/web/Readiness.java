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
 * Thread-safe.
 */
public final class Readiness implements EthiqApp.RouteModule {
    public static final String PATH = "/ready";
    /** An id no tenant has: looking it up is a real round trip through the app role's pool, and finds nothing. */
    private static final TenantId PROBE = new TenantId(new UUID(0, 0));
    private static final Logger log = LoggerFactory.getLogger(Readiness.class);

    private final AtomicBoolean draining = new AtomicBoolean();

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
        boolean ready = !draining.get();
        String store = "ok";
        try {
            assembly.adapters().tenants().findById(PROBE);
        } catch (RuntimeException e) {
            store = "unavailable";
            ready = false;
        }
        body.put("status", draining.get() ? "draining" : ready ? "ready" : "not_ready");
        body.put("store", store);
        body.put("liveCalls", assembly.core().callSessions().liveCount());
        ctx.header("Cache-Control", "no-store");
        ctx.status(ready ? 200 : 503).json(body);
    }
}
