package org.example.host;

import com.ethiq.app.Adapters;
import com.ethiq.app.AppConfig;
import com.ethiq.app.CallPathRoutes;
import com.ethiq.app.CoreAssembly;
import com.ethiq.app.VendorWiring;
import com.ethiq.app.metrics.Metrics;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.Map;

/** A host application with its own HTTP server and routes, into which the Ethiq call path is mounted. */
public final class ShieldHost implements AutoCloseable {
    private final CoreAssembly assembly;
    private final CallPathRoutes callPath;
    private final Javalin javalin;

    public ShieldHost(Map<String, String> settings) {
        AppConfig config = AppConfig.from(settings);
        Adapters adapters = VendorWiring.fromConfig(config, Clock.systemUTC()); // simulated vendors, in-memory stores
        this.assembly = CoreAssembly.create(config, adapters, new Metrics(config.server().nodeId()));
        this.callPath = CallPathRoutes.create(config, assembly);
        this.javalin = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = "127.0.0.1";
            c.jetty.port = 0;
            c.routes.get("/host/status", ctx -> ctx.result("host is up"));
            callPath.mount(c);
        });
    }

    public ShieldHost start() {
        javalin.start();
        assembly.start();
        return this;
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        callPath.stopAccepting();
        javalin.stop();
        callPath.close();
        assembly.close();
    }
}
