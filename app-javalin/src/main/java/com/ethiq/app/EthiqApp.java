package com.ethiq.app;

import com.ethiq.app.calls.CallWebhooks;
import com.ethiq.app.calls.MediaTokens;
import com.ethiq.app.calls.TenantDirectory;
import com.ethiq.app.metrics.Metrics;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP host: a {@link CoreAssembly} behind Javalin with the call path mounted ({@link CallPathRoutes}: Twilio
 * webhooks, and the Jetty media WebSocket endpoint running beside Javalin's servlet on the same port), metrics,
 * health, and whatever {@link RouteModule}s add — the management API is one. {@link #start} builds and binds it; {@link #stop} drains it gracefully:
 * new calls refused, live calls ended, pending alerts delivered, then the server stops. Thread-safe.
 *
 * <pre>{@code
 * AppConfig config = AppConfig.fromEnvironment();
 * EthiqApp app = EthiqApp.start(config, VendorWiring.fromConfig(config, Clock.systemUTC()));
 * Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
 * }</pre>
 */
public final class EthiqApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EthiqApp.class);

    /** Adds routes to the app (the management API registers here). Called inside {@code Javalin.create}. */
    @FunctionalInterface
    public interface RouteModule {
        void register(JavalinConfig config, CoreAssembly assembly);

        /** Call-path notifications this module wants (a live dashboard feed); none by default. */
        default com.ethiq.core.usecase.CallObserver observer() {
            return com.ethiq.core.usecase.CallObserver.NONE;
        }

        /** Called once the server listens (the management module starts the onboarding jobs here). */
        default void started() {
        }

        /** Called once the server stopped (jobs end here). */
        default void stopped() {
        }
    }

    private final AppConfig config;
    private final CoreAssembly assembly;
    private final CallPathRoutes callPath;
    private final Javalin javalin;
    private final List<RouteModule> modules;
    private final com.ethiq.app.onboarding.SmsWebhook sms;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile URI publicBaseUrl;

    private EthiqApp(AppConfig config, Adapters adapters, List<RouteModule> modules) {
        this.config = config;
        this.modules = List.copyOf(modules);
        this.publicBaseUrl = config.transport().publicBaseUrl();
        Metrics metrics = new Metrics(config.server().nodeId());
        this.assembly = CoreAssembly.create(config, adapters, metrics,
                modules.stream().map(RouteModule::observer).filter(o -> o != com.ethiq.core.usecase.CallObserver.NONE).toList(),
                () -> publicBaseUrl);
        this.callPath = CallPathRoutes.create(config, assembly, () -> publicBaseUrl);
        this.sms = new com.ethiq.app.onboarding.SmsWebhook(callPath.tenantDirectory(), callPath.webhookVerifier());
        this.javalin = Javalin.create(c -> configure(c, modules));
    }

    private void configure(JavalinConfig c, List<RouteModule> modules) {
        c.startup.showJavalinBanner = false;
        c.startup.showOldJavalinVersionWarning = false;
        c.jetty.host = config.server().host();
        c.jetty.port = config.server().port();
        // Javalin's connector with end points that let the media sockets skip their empty reads
        c.jetty.addConnector((server, http) -> new com.ethiq.app.calls.media.MediaServerConnector(server, http,
                config.server().host(), config.server().port(), config.server().mediaReadInterval()));
        if (config.transport().tlsRequired()) {
            // Browsers (the management UI) must never fall back to http for this host; Twilio ignores the header.
            String hsts = "max-age=" + config.transport().hstsMaxAge().toSeconds() + "; includeSubDomains";
            c.routes.before(ctx -> ctx.header("Strict-Transport-Security", hsts));
        }
        // Twilio's webhooks, and the media endpoint answering its own path before Javalin's servlet sees the request
        callPath.mount(c);
        // Pool numbers point their SMS URL here: signed texts are acknowledged with empty TwiML, not kept.
        sms.register(c.routes);
        // The relatives' family links: page, state and actions (only with a link store)
        // (budgets per source address behind the load balancers of ETHIQ_TRUSTED_PROXIES, as for media upgrades)
        assembly.core().family().ifPresent(f -> new com.ethiq.app.family.FamilyRoutes(f, () -> publicBaseUrl,
                assembly.adapters().clock(), com.ethiq.app.api.ApiSettings.proxyAware(config.trustedProxies())).register(c));
        c.routes.get("/health", ctx -> ctx.json(java.util.Map.of(
                "status", stopped.get() ? "draining" : "ok",
                "node", config.server().nodeId(),
                "liveCalls", assembly.core().callSessions().liveCount())));
        if (config.server().metricsEnabled()) {
            String metricsToken = config.server().metricsToken().map(com.ethiq.core.domain.Secret::reveal).orElse("");
            c.routes.get("/metrics", ctx -> {
                // call volumes, tenants' activity and queue depths are not public: a token, or loopback only
                if (!metricsAllowed(ctx, metricsToken)) {
                    ctx.header("WWW-Authenticate", "Bearer").status(401).result("unauthorised");
                    return;
                }
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(assembly.metrics().scrape());
            });
        }
        for (RouteModule module : modules) {
            module.register(c, assembly);
        }
    }

    static boolean metricsAllowed(io.javalin.http.Context ctx, String token) {
        if (token == null || token.isEmpty()) {
            try {
                return java.net.InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        String header = ctx.header("Authorization");
        return header != null && header.startsWith("Bearer ") && java.security.MessageDigest.isEqual(
                header.substring(7).strip().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Builds the app on these adapters, binds the port and starts the jobs. */
    public static EthiqApp start(AppConfig config, Adapters adapters) {
        return start(config, adapters, List.of());
    }

    public static EthiqApp start(AppConfig config, Adapters adapters, List<RouteModule> modules) {
        Objects.requireNonNull(config, "'config' must not be null");
        Objects.requireNonNull(adapters, "'adapters' must not be null");
        Objects.requireNonNull(modules, "'modules' must not be null");
        config.describe().forEach(line -> log.info("config {}", line));
        if (config.mediaAdmission().tokenSecretGenerated()) {
            log.warn("ETHIQ_MEDIA_TOKEN_SECRET is not set: a random key is used, valid on this process only (one node)");
        }
        EthiqApp app = new EthiqApp(config, adapters, modules);
        try {
            app.javalin.start();
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        if (config.transport().publicBaseUrlDefaulted()) {
            app.publicBaseUrl = URI.create("http://localhost:" + app.javalin.port());
        }
        app.assembly.start();
        app.modules.forEach(RouteModule::started);
        log.info("Ethiq node {} listening on port {}, public URL {}, media at {}", config.server().nodeId(), app.port(),
                app.publicBaseUrl, app.publicBaseUrl + CallWebhooks.MEDIA);
        return app;
    }

    public int port() {
        return javalin.port();
    }

    /** The base URL Twilio is told to use (configured, or localhost:port for a local run). */
    public URI publicBaseUrl() {
        return publicBaseUrl;
    }

    public CoreAssembly assembly() {
        return assembly;
    }

    public TenantDirectory tenantDirectory() {
        return callPath.tenantDirectory();
    }

    public MediaTokens mediaTokens() {
        return callPath.mediaTokens();
    }

    /** The mounted call path (webhooks, media edge). */
    public CallPathRoutes callPath() {
        return callPath;
    }

    public AppConfig config() {
        return config;
    }

    /**
     * Graceful shutdown: refuse new calls and media sockets, end live calls (waiting up to half the grace period for
     * them to finish), deliver pending alerts, stop the server, release everything. Idempotent.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        log.info("stopping: refusing new calls, draining {} live call(s)", assembly.core().callSessions().liveCount());
        callPath.stopAccepting();
        try {
            assembly.drain(config.server().shutdownGrace());
        } catch (RuntimeException e) {
            log.warn("drain failed: {}", e.toString());
        }
        release();
        log.info("stopped");
    }

    /** Stops at once, without draining (tests simulating a crash use this). */
    public void halt() {
        if (stopped.compareAndSet(false, true)) {
            release();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void release() {
        try {
            javalin.stop();
        } catch (RuntimeException e) {
            log.warn("stopping the HTTP server failed: {}", e.toString());
        }
        callPath.close();
        for (RouteModule m : modules) {
            try {
                m.stopped();
            } catch (RuntimeException e) {
                log.warn("stopping module {} failed: {}", m.getClass().getSimpleName(), e.toString());
            }
        }
        assembly.close();
        assembly.metrics().close();
    }

    /** Runs a node from the environment until the process is stopped. */
    public static void main(String[] args) {
        AppConfig config = AppConfig.fromEnvironment();
        EthiqApp app = start(config, VendorWiring.fromConfig(config, Clock.systemUTC()));
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "ethiq-shutdown"));
    }
}
