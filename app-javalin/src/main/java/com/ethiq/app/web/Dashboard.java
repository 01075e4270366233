package com.ethiq.app.web;

import com.ethiq.core.concurrent.DaemonThreads;
import com.ethiq.app.CoreAssembly;
import com.ethiq.app.EthiqApp;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.usecase.CallObserver;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator dashboard: static HTML/CSS/JS modules from {@code classpath:/web} at {@code /} (no build chain), with
 * strict security headers, and {@code GET /api/live}, a Server-Sent Events stream of the viewer's accounts' call events
 * ({@link LiveFeed}). The stream is authenticated like the management API (bearer access token in the
 * {@code Authorization} header, read with {@code fetch}: never in the URL) and checked against an Origin allow-list
 * when the browser sends one. Everything else the dashboard shows comes from the management API. Thread-safe.
 */
public final class Dashboard implements EthiqApp.RouteModule {
    public static final String LIVE = "/api/live";
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** How often an open stream's token and memberships are checked again (revocation takes effect within this). */
    static final Duration RECHECK = Duration.ofSeconds(5);
    static final int MAX_STREAMS = 500;
    /** Per user (a few tabs and devices) and per account (a family watching), so one viewer cannot take them all. */
    static final int MAX_STREAMS_PER_USER = 5;
    static final int MAX_STREAMS_PER_ACCOUNT = 20;
    private static final String RESERVATION = "ethiq.live.reservation";
    private static final Logger log = LoggerFactory.getLogger(Dashboard.class);

    /** Content-Security-Policy of every dashboard page: own scripts and styles only, no framing, no inline code. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final LiveFeed feed;
    private final Viewers viewers;
    private final Set<String> allowedOrigins;
    private final AtomicInteger streams = new AtomicInteger();
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> perUser = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<TenantId, Integer> perAccount = new java.util.concurrent.ConcurrentHashMap<>();
    private final Duration recheck;
    private final Set<Runnable> openStreams = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.single("ethiq-live-keepalive"));

    /**
     * Writes the live events to the streams. The feed's events come from the call path's threads (a transcript segment
     * is judged on the thread that delivers it, the media socket's selector thread for the simulated recogniser), and
     * an SSE write blocks while the client's socket is full: each stream's events are written here, in order, so a
     * stalled browser holds one of these threads, never the call path. Threads come and go with the events.
     */
    private final java.util.concurrent.ExecutorService sends = new java.util.concurrent.ThreadPoolExecutor(0, MAX_STREAMS,
            30, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), DaemonThreads.named("ethiq-live-send"));

    /** Re-authorises open streams (reads the database): apart from the keep-alive pings, which must stay punctual. */
    private final ScheduledExecutorService rechecks = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "ethiq-live-recheck");
        t.setDaemon(true);
        return t;
    });

    /** A dashboard whose live feed nobody can open yet (no management API wired). */
    public Dashboard(Clock clock) {
        this(new LiveFeed(clock), Viewers.NONE, Set.of());
    }

    /**
     * @param allowedOrigins extra origins allowed to open the live stream besides the app's own (e.g. a separate
     *                       dashboard host); same-origin requests are always allowed
     */
    public Dashboard(LiveFeed feed, Viewers viewers, Set<String> allowedOrigins) {
        this(feed, viewers, allowedOrigins, RECHECK);
    }

    /** @param recheck how often open streams are authorised again (tests shorten it) */
    public Dashboard(LiveFeed feed, Viewers viewers, Set<String> allowedOrigins, Duration recheck) {
        this.recheck = Objects.requireNonNull(recheck, "'recheck' must not be null");
        this.feed = Objects.requireNonNull(feed, "'feed' must not be null");
        this.viewers = Objects.requireNonNull(viewers, "'viewers' must not be null");
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    public LiveFeed feed() {
        return feed;
    }

    @Override
    public CallObserver observer() {
        return feed;
    }

    @Override
    public void register(JavalinConfig config, CoreAssembly assembly) {
        config.staticFiles.add(sf -> {
            sf.hostedPath = "/";
            sf.directory = "/web";
            sf.location = Location.CLASSPATH;
            sf.headers = Map.of(
                    "Content-Security-Policy", CSP,
                    "X-Content-Type-Options", "nosniff",
                    "Referrer-Policy", "no-referrer",
                    "X-Frame-Options", "DENY",
                    "Cache-Control", "no-cache");
        });
        config.routes.before(LIVE, this::guard);
        config.routes.sse(LIVE, this::stream);
        // Once the server stops, its requests are recycled: touching a stream then would send Javalin's error handling
        // round in circles, so every stream is ended here, before that can happen.
        config.events.serverStopping(this::endAll);
    }

    /** Refuses foreign origins (403) and missing or invalid tokens (401) before the stream opens. */
    private void guard(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(ctx, origin) && !allowedOrigins.contains(origin)) {
            log.warn("live stream refused: origin not allowed");
            throw new io.javalin.http.ForbiddenResponse("origin not allowed");
        }
        Optional<Viewers.Viewer> viewer = viewer(ctx);
        if (viewer.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new io.javalin.http.UnauthorizedResponse("unauthorised");
        }
        if (viewer.get().accounts().isEmpty()) {
            throw new io.javalin.http.ForbiddenResponse("no account to watch");
        }
        ctx.attribute(RESERVATION, reserve(viewer.get()));
    }

    /** Takes one stream slot of the viewer, of each of its accounts and of the node, or refuses (429 / 503). */
    private synchronized Viewers.Viewer reserve(Viewers.Viewer viewer) {
        if (streams.get() >= MAX_STREAMS) {
            throw new io.javalin.http.HttpResponseException(503, "too many live streams");
        }
        if (perUser.getOrDefault(viewer.user(), 0) >= MAX_STREAMS_PER_USER
                || viewer.accounts().stream().anyMatch(a -> perAccount.getOrDefault(a, 0) >= MAX_STREAMS_PER_ACCOUNT)) {
            throw new io.javalin.http.HttpResponseException(429, "too many live streams for this user or account");
        }
        streams.incrementAndGet();
        perUser.merge(viewer.user(), 1, Integer::sum);
        viewer.accounts().forEach(a -> perAccount.merge(a, 1, Integer::sum));
        return viewer;
    }

    private synchronized void release(Viewers.Viewer viewer) {
        streams.decrementAndGet();
        perUser.computeIfPresent(viewer.user(), (k, n) -> n <= 1 ? null : n - 1);
        viewer.accounts().forEach(a -> perAccount.computeIfPresent(a, (k, n) -> n <= 1 ? null : n - 1));
    }

    private Optional<Viewers.Viewer> viewer(Context ctx) {
        return bearer(ctx).flatMap(this::viewerOf);
    }

    private Optional<Viewers.Viewer> viewerOf(String token) {
        try {
            return viewers.viewerOf(token);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 4096 + 7) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }

    private static boolean sameOrigin(Context ctx, String origin) {
        String host = ctx.host();
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    /**
     * Whether writing to this stream is safe: not closed, the server not stopping, and its request not yet recycled by
     * Jetty (a recycled request throws on any access; writing to it would loop in Javalin's error handling).
     */
    private boolean usable(SseClient client) {
        if (stopping || client.terminated()) {
            return false;
        }
        try {
            client.ctx().res().getStatus();
            return true;
        } catch (RuntimeException recycled) {
            return false;
        }
    }

    private void endAll() {
        stopping = true;
        openStreams.forEach(Runnable::run);
        openStreams.clear();
        keepAlive.shutdownNow();
        rechecks.shutdownNow();
        sends.shutdownNow();
    }

    private void stream(SseClient client) {
        Viewers.Viewer viewer = client.ctx().attribute(RESERVATION);
        String token = bearer(client.ctx()).orElse(null);
        if (viewer == null || token == null) {
            client.close();
            return;
        }
        Set<TenantId> watched = viewer.accounts();
        client.ctx().header("Cache-Control", "no-store");
        client.ctx().header("X-Accel-Buffering", "no"); // proxies must not buffer the stream
        Object lock = new Object();
        java.util.concurrent.Executor serial = new com.ethiq.core.concurrent.SerialExecutor(sends, "live stream",
                com.ethiq.core.concurrent.SerialExecutor.WhenRejected.DROP);
        LiveFeed.Subscriber[] me = new LiveFeed.Subscriber[1];
        LiveFeed.Subscriber subscriber = (name, payload) -> {
            if (!usable(client)) {
                throw new IllegalStateException("live stream closed"); // LiveFeed drops this subscriber
            }
            serial.execute(() -> {
                synchronized (lock) {
                    try {
                        if (usable(client)) {
                            client.sendEvent(name, payload);
                        }
                    } catch (RuntimeException gone) {
                        feed.unsubscribe(me[0]);
                    }
                }
            });
        };
        me[0] = subscriber;
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ScheduledFuture<?>> ping = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ScheduledFuture<?>> check = new java.util.concurrent.atomic.AtomicReference<>();
        Runnable[] self = new Runnable[1];
        Runnable end = () -> {
            if (ended.compareAndSet(false, true)) {
                java.util.concurrent.ScheduledFuture<?> p = ping.get();
                if (p != null) {
                    p.cancel(false);
                }
                java.util.concurrent.ScheduledFuture<?> r = check.get();
                if (r != null) {
                    r.cancel(false);
                }
                feed.unsubscribe(subscriber);
                release(viewer);
                openStreams.remove(self[0]);
            }
        };
        self[0] = end;
        openStreams.add(end);
        if (stopping) {
            end.run();
            return;
        }
        try {
            ping.set(keepAlive.scheduleAtFixedRate(() -> {
            synchronized (lock) {
                try {
                    if (!usable(client)) {
                        end.run();
                    } else {
                        client.sendComment("keep-alive");
                    }
                } catch (RuntimeException e) {
                    // the connection is gone (the server stopped, or the request was recycled): stop pinging it
                    end.run();
                }
            }
        }, KEEP_ALIVE.toSeconds(), KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS));
            // Authorisation is not a one-off: the token (expiry, logout, password change, disabled user) and the
            // memberships are checked again; losing any watched account ends the stream (the client reconnects).
            check.set(rechecks.scheduleWithFixedDelay(() -> {
                Optional<Viewers.Viewer> now = viewerOf(token);
                if (now.isEmpty() || !now.get().accounts().containsAll(watched)) {
                    synchronized (lock) {
                        try {
                            if (usable(client)) {
                                client.sendEvent("revoked", Map.of("reason", now.isEmpty() ? "session" : "membership"));
                                client.close();
                            }
                        } catch (RuntimeException ignored) {
                            // already gone
                        }
                        end.run();
                    }
                }
            }, recheck.toMillis(), recheck.toMillis(), TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            end.run();
            return;
        }
        client.onClose(end);
        feed.subscribe(watched, subscriber);
        synchronized (lock) {
            client.sendEvent("hello", Map.of("accounts", watched.stream().map(TenantId::toString).toList()));
        }
        client.keepAlive();
    }
}
