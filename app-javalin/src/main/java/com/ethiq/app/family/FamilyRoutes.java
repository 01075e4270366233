package com.ethiq.app.family;

import com.ethiq.core.family.FamilyAction;
import com.ethiq.core.family.FamilyOutcome;
import com.ethiq.core.family.FamilyResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relatives' side of the family response, without a password: {@code GET /f/{token}} serves the page (never acts:
 * SMS apps and link scanners fetch links to preview them), {@code GET /api/family/{token}} its state (polled every 2 s),
 * {@code POST /api/family/{token}/actions/{action}} the actions, same-origin only. Unknown and expired links get the
 * same plain page (404 / 410) after the same work. Budgets per source address (requests, and misses: a source that
 * guessed wrong {@link #MISSES_PER_MINUTE} times is refused before any lookup) and per token (actions). Thread-safe.
 */
public final class FamilyRoutes {
    public static final String PAGE = "/f/{token}";
    public static final String STATE = "/api/family/{token}";
    public static final String ACTION = "/api/family/{token}/actions/{action}";
    static final int REQUESTS_PER_MINUTE = 120;
    static final int MISSES_PER_MINUTE = 10;
    static final int ACTIONS_PER_TOKEN_PER_MINUTE = 20;
    /** Own scripts and styles only; the page talks to its own origin; no framing; no referrer (the token is in the URL). */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Logger log = LoggerFactory.getLogger(FamilyRoutes.class);

    private final FamilyResponse family;
    private final Function<Context, String> clientIp;
    private final Supplier<URI> publicBaseUrl;
    private final Clock clock;
    private final FamilyBudget requests;
    private final FamilyBudget misses;
    private final FamilyBudget actions;
    private final ObjectMapper json = new ObjectMapper();
    private final byte[] page;
    private final byte[] gonePage;

    public FamilyRoutes(FamilyResponse family, Supplier<URI> publicBaseUrl, Clock clock) {
        this(family, publicBaseUrl, clock, Context::ip);
    }

    /** {@code clientIp}: the source address the budgets key on (behind a load balancer: the proxy-aware one). */
    public FamilyRoutes(FamilyResponse family, Supplier<URI> publicBaseUrl, Clock clock, Function<Context, String> clientIp) {
        this.clientIp = Objects.requireNonNull(clientIp, "'clientIp' must not be null");
        this.family = Objects.requireNonNull(family, "'family' must not be null");
        this.publicBaseUrl = Objects.requireNonNull(publicBaseUrl, "'publicBaseUrl' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.requests = new FamilyBudget(REQUESTS_PER_MINUTE, Duration.ofMinutes(1), clock);
        this.misses = new FamilyBudget(MISSES_PER_MINUTE, Duration.ofMinutes(1), clock);
        this.actions = new FamilyBudget(ACTIONS_PER_TOKEN_PER_MINUTE, Duration.ofMinutes(1), clock);
        this.page = resource("/web/family.html");
        this.gonePage = resource("/web/family-gone.html");
    }

    public void register(JavalinConfig c) {
        c.routes.get(PAGE, this::page);
        c.routes.get(STATE, this::state);
        c.routes.post(ACTION, this::action);
        // the page's own files, also when the dashboard's static files are not served on this node
        c.routes.get("/js/family/family.js", ctx -> asset(ctx, "/web/js/family/family.js", "text/javascript"));
        c.routes.get("/css/family.css", ctx -> asset(ctx, "/web/css/family.css", "text/css"));
    }

    private void page(Context ctx) {
        secure(ctx);
        if (refused(ctx)) {
            ctx.contentType("text/html; charset=utf-8").result(gonePage);
            return;
        }
        FamilyOutcome outcome = family.show(ctx.pathParam("token"));
        int status = FamilyViews.status(outcome);
        if (status >= 400) {
            miss(ctx);
        }
        ctx.status(status).contentType("text/html; charset=utf-8").result(status == 200 ? page : gonePage);
    }

    private void state(Context ctx) {
        secure(ctx);
        if (refused(ctx)) {
            ctx.json(Map.of("error", "too-many-requests"));
            return;
        }
        FamilyOutcome outcome = family.show(ctx.pathParam("token"));
        if (outcome instanceof FamilyOutcome.Shown s) {
            write(ctx, 200, FamilyViews.view(s.view(), clock.instant()));
            return;
        }
        miss(ctx);
        write(ctx, FamilyViews.status(outcome), Map.of("error", outcome instanceof FamilyOutcome.Gone ? "expired" : "unknown"));
    }

    private void action(Context ctx) {
        secure(ctx);
        if (!sameOrigin(ctx)) {
            log.warn("family action refused: not same-origin");
            write(ctx, 403, Map.of("error", "origin"));
            return;
        }
        if (refused(ctx)) {
            write(ctx, 429, Map.of("error", "too-many-requests"));
            return;
        }
        String token = ctx.pathParam("token");
        Optional<Duration> wait = actions.take(token);
        if (wait.isPresent()) {
            ctx.header("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
            write(ctx, 429, Map.of("error", "too-many-requests"));
            return;
        }
        Optional<FamilyAction> action = FamilyAction.fromWire(ctx.pathParam("action"));
        if (action.isEmpty()) {
            write(ctx, 404, Map.of("error", "unknown-action"));
            return;
        }
        FamilyOutcome outcome = family.act(token, action.get(), clientIp.apply(ctx));
        int status = FamilyViews.status(outcome);
        if (status == 404 || status == 410) {
            miss(ctx);
            write(ctx, status, Map.of("error", status == 410 ? "expired" : "unknown"));
            return;
        }
        write(ctx, status, FamilyViews.action(outcome, clock.instant()));
    }

    /** Spends the source's request budget; refuses a source over it, or out of misses, before any lookup. */
    private boolean refused(Context ctx) {
        String source = clientIp.apply(ctx);
        Optional<Duration> wait = misses.exhausted(source).or(() -> requests.take(source));
        if (wait.isEmpty()) {
            return false;
        }
        ctx.status(429).header("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
        return true;
    }

    private void miss(Context ctx) {
        misses.take(clientIp.apply(ctx));
    }

    /**
     * The browser's Origin must be this server's (as the request reached it, or the public base URL); without an
     * Origin header, {@code Sec-Fetch-Site: same-origin} is required. A link scanner or another site cannot act.
     */
    static boolean sameOrigin(Context ctx, URI publicBase) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return "same-origin".equals(ctx.header("Sec-Fetch-Site"));
        }
        String host = ctx.header("Host");
        if (host != null && (origin.equals("http://" + host) || origin.equals("https://" + host))) {
            return true;
        }
        String base = publicBase.getScheme() + "://" + publicBase.getAuthority();
        return origin.equals(base);
    }

    private boolean sameOrigin(Context ctx) {
        return sameOrigin(ctx, publicBaseUrl.get());
    }

    static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Robots-Tag", "noindex, nofollow");
    }

    private void write(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void asset(Context ctx, String path, String type) {
        ctx.header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff");
        ctx.contentType(type + "; charset=utf-8").result(resource(path));
    }

    static byte[] resource(String path) {
        try (InputStream in = FamilyRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
