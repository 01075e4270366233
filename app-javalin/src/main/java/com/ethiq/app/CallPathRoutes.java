package com.ethiq.app;

import com.ethiq.adapter.twilio.TwilioTwiml;
import com.ethiq.core.concurrent.DaemonThreads;
import com.ethiq.app.calls.MediaStartAuthenticator;
import com.ethiq.app.calls.CallWebhooks;
import com.ethiq.app.calls.MediaTokens;
import com.ethiq.app.calls.TenantDirectory;
import com.ethiq.app.calls.WebhookVerifier;
import com.ethiq.app.calls.media.MediaSettings;
import com.ethiq.app.calls.media.MediaStreamEndpoint;
import com.ethiq.app.calls.media.RefusalLog;
import com.ethiq.app.calls.media.SourceAddress;
import com.ethiq.app.calls.media.SourceAdmission;
import com.ethiq.app.calls.media.UpgradeAdmission;
import com.ethiq.app.calls.media.VouchedUpgrades;
import com.ethiq.app.security.TokenService;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import com.ethiq.app.metrics.Metrics;
import io.javalin.config.JavalinConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;

/**
 * The call path's HTTP edge as one mountable unit: Twilio's call webhooks ({@code /twilio/voice}, the status
 * callbacks, the announcement document) and the media-stream WebSocket handler ({@code /twilio/media}), built on a
 * {@link CoreAssembly}. {@link #mount} adds them to a host's Javalin configuration and leaves the host its server:
 * its routes, and any Jetty handler it installed, keep working. {@link EthiqApp} mounts the call path the same way.
 *
 * <pre>{@code
 * CoreAssembly assembly = CoreAssembly.create(config, adapters, new Metrics(config.server().nodeId()));
 * CallPathRoutes callPath = CallPathRoutes.create(config, assembly);
 * Javalin host = Javalin.create(c -> {
 *     c.routes.get("/my/own", ctx -> ctx.result("host route"));
 *     callPath.mount(c);            // after any handler the host sets with c.jetty.modifyServer
 * }).start();
 * assembly.start();
 * // shutdown: callPath.stopAccepting(); assembly.drain(grace); host.stop(); callPath.close(); assembly.close();
 * }</pre>
 * Thread-safe once built.
 */
public final class CallPathRoutes implements AutoCloseable {
    private final TenantDirectory directory;
    private final MediaTokens mediaTokens;
    private final WebhookVerifier verifier;
    private final CallWebhooks webhooks;
    private final MediaStreamEndpoint media;
    private final ThreadPoolExecutor mediaControl;
    private final ScheduledExecutorService timers;
    private final UpgradeAdmission admission;
    private final RefusalLog refusals;
    /** How often refused media sockets are summed up in the log. */
    public static final Duration REFUSAL_SUMMARY = Duration.ofSeconds(10);

    private CallPathRoutes(AppConfig config, CoreAssembly assembly, Supplier<URI> publicBaseUrl) {
        Adapters adapters = assembly.adapters();
        Metrics metrics = assembly.metrics();
        this.directory = new TenantDirectory(adapters.tenants(), adapters.secrets(), config.server().tenantCacheTtl());
        adapters.tenantChanges().subscribe(directory::invalidate, directory::invalidateAll);
        this.mediaTokens = new MediaTokens(config.mediaAdmission().tokenKey(), adapters.clock());
        this.verifier = new WebhookVerifier(publicBaseUrl, CallWebhooks.MEDIA, config.telephony().platformAuthToken());
        ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("ethiq-media-timers"));
        timerPool.setRemoveOnCancelPolicy(true); // start timers are nearly always cancelled: don't keep them queued
        this.timers = timerPool;
        this.mediaControl = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(20_000),
                DaemonThreads.named("ethiq-media-control"));
        TwilioTwiml twiml = new TwilioTwiml(config.transport().tlsRequired());
        // Signatures of upgrades this node expects: the calls it answers with a stream, for the media token's life.
        VouchedUpgrades vouched = new VouchedUpgrades(TokenService.MEDIA_TTL.plusMinutes(1), Duration.ofHours(24));
        this.webhooks = new CallWebhooks(assembly.core(), directory, verifier, mediaTokens, twiml, metrics.calls(),
                config.server().webhookMaxBodyBytes(), vouched::expect);
        MediaStartAuthenticator gate = new MediaStartAuthenticator(mediaTokens, directory, verifier, assembly.core().callSessions(),
                config.mediaAdmission().maxSocketsPerTenant(), MediaStartAuthenticator.byGeneration(assembly.core().incomingCalls()));
        // where the core starts a call's stream again after its node died: this path's media URL, a fresh token
        assembly.useStreamTargets((tenant, callSid, generation) -> {
            URI base = publicBaseUrl.get();
            String http = base + CallWebhooks.MEDIA;
            URI stream = URI.create(http.startsWith("https://") ? "wss://" + http.substring(8) : "ws://" + http.substring(7));
            return new com.ethiq.core.port.CallControl.StreamTarget(stream, java.util.Map.of(
                    "token", mediaTokens.issue(tenant, callSid, generation),
                    "callSid", callSid.value(), "tenantId", tenant.toString()),
                    URI.create(base + CallWebhooks.STREAM_STATUS + "?tenant=" + tenant));
        });
        MediaSettings mediaSettings = config.media();
        this.admission = new UpgradeAdmission(verifier.hasPlatformToken() ? verifier::upgradeValidForPlatform : null,
                vouched, new SourceAdmission(config.mediaSources()), new SourceAddress(config.trustedProxies()), timers,
                mediaSettings.startTimeout().plusSeconds(2), System::nanoTime);
        this.refusals = new RefusalLog(LoggerFactory.getLogger(MediaStreamEndpoint.class));
        this.media = new MediaStreamEndpoint(CallWebhooks.MEDIA, gate, mediaSettings, metrics.media(), mediaControl, timers,
                admission, refusals);
        // One summary line per refusing source every 10 s; idle sources forgotten.
        timerPool.scheduleWithFixedDelay(() -> {
            try {
                refusals.flush();
                admission.sweep();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(CallPathRoutes.class).error("media refusal summary failed", e);
            }
        }, REFUSAL_SUMMARY.toMillis(), REFUSAL_SUMMARY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The call path of this assembly, signed against {@code config.transport().publicBaseUrl()}. */
    public static CallPathRoutes create(AppConfig config, CoreAssembly assembly) {
        Objects.requireNonNull(config, "'config' must not be null");
        return create(config, assembly, config.transport()::publicBaseUrl);
    }

    /**
     * Same, with the public base URL read at each request (Twilio signs the URL it called; a host that learns its
     * URL only once it listens supplies it here).
     */
    public static CallPathRoutes create(AppConfig config, CoreAssembly assembly, Supplier<URI> publicBaseUrl) {
        Objects.requireNonNull(config, "'config' must not be null");
        Objects.requireNonNull(assembly, "'assembly' must not be null");
        Objects.requireNonNull(publicBaseUrl, "'publicBaseUrl' must not be null");
        return new CallPathRoutes(config, assembly, publicBaseUrl);
    }

    /**
     * Declares the webhook routes and puts the media handler in front of whatever handles requests on the host's
     * server (call it inside {@code Javalin.create(config -> …)}, after the host's own {@code jetty.modifyServer}).
     * The media handler answers only {@value CallWebhooks#MEDIA} and lets every other request through.
     */
    public void mount(JavalinConfig config) {
        Objects.requireNonNull(config, "'config' must not be null");
        config.jetty.modifyServer(server -> installFirst(server, media));
        webhooks.register(config.routes);
    }

    /**
     * Adds {@code first} ahead of the server's handlers without dropping any: into the (innermost) sequence when
     * there is one, which is also where Javalin then appends its servlet context.
     */
    static void installFirst(Server server, Handler first) {
        Handler current = server.getHandler();
        if (current == null) {
            server.setHandler(new Handler.Sequence(first));
            return;
        }
        if (current instanceof Handler.Sequence sequence) {
            prepend(sequence, first);
            return;
        }
        if (current instanceof Handler.Wrapper wrapper) {
            Handler.Wrapper inner = wrapper;
            while (inner.getHandler() instanceof Handler.Wrapper next) {
                inner = next;
            }
            Handler last = inner.getHandler();
            if (last instanceof Handler.Sequence sequence) {
                prepend(sequence, first);
            } else {
                inner.setHandler(last == null ? new Handler.Sequence(first) : new Handler.Sequence(first, last));
            }
            return;
        }
        server.setHandler(new Handler.Sequence(first, current));
    }

    private static void prepend(Handler.Sequence sequence, Handler first) {
        List<Handler> handlers = new ArrayList<>(sequence.getHandlers());
        handlers.add(0, first);
        sequence.setHandlers(handlers);
    }

    /** Refuses new calls and media sockets (graceful shutdown); live ones continue until drained. */
    public void stopAccepting() {
        webhooks.stopAccepting();
        media.stopAccepting();
    }

    /** Tenants by number and their Twilio credentials, cached; kept fresh by the adapters' tenant-change notices. */
    public TenantDirectory tenantDirectory() {
        return directory;
    }

    public MediaTokens mediaTokens() {
        return mediaTokens;
    }

    /** The media upgrade's admission (vouched signatures, per-source allowances). */
    public UpgradeAdmission mediaAdmission() {
        return admission;
    }

    /** The bounded log of refused media sockets; {@link RefusalLog#flush} writes the summaries. */
    public RefusalLog mediaRefusals() {
        return refusals;
    }

    /** Checks {@code X-Twilio-Signature} against the public base URL (other Twilio routes of a host can share it). */
    public WebhookVerifier webhookVerifier() {
        return verifier;
    }

    /** Stops the call path's own executors; call it once the server stopped. */
    @Override
    public void close() {
        timers.shutdownNow();
        mediaControl.shutdown();
        try {
            mediaControl.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
