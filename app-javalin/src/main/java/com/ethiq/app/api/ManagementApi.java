package com.ethiq.app.api;

import com.ethiq.core.domain.TenantId;

import com.ethiq.app.security.RequestRateLimiter;
import com.ethiq.app.security.TokenService;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuthenticationFailedException;
import com.ethiq.core.management.ManagementCore;
import com.ethiq.core.management.identity.RequestOrigin;
import com.ethiq.core.management.identity.TooManyAttemptsException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The management API (accounts, users, roles, 2FA, audit, usage, the operators' number pool) as a set of Javalin routes. Build it with the
 * identity core, the token service and settings, then call {@link #register(JavalinConfig)} inside
 * {@code Javalin.create(config -> …)}. It registers only its own routes under {@link ApiSettings#basePath()} and no
 * global handler: authentication, body cap, rate limits and problem details are applied per route by
 * {@link #handler}, so other routes of the host are unaffected. Thread-safe.
 */
public final class ManagementApi {
    private final ManagementCore core;
    private final TokenService tokens;
    private final Clock clock;
    private final ApiSettings settings;
    private final ApiJson json = new ApiJson();
    private final RequestRateLimiter authLimiter;
    private final List<ApiRoute> routes;
    private volatile byte[] openApi;

    private ManagementApi(Builder b) {
        this.core = b.core;
        this.tokens = b.tokens;
        this.clock = b.clock;
        this.settings = b.settings;
        this.authLimiter = new RequestRateLimiter(settings.authRequestsPerMinutePerIp(), Duration.ofMinutes(1), clock);
        this.routes = RouteTable.build(settings.basePath(), core, b.pool, clock, this::openApiDocument, b.family);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Adds every route of the API to the host's configuration. */
    public void register(JavalinConfig config) {
        for (ApiRoute r : routes) {
            config.routes.addHttpHandler(HandlerType.findOrCreate(r.method()), r.path(), ctx -> handler(r, ctx));
        }
    }

    /** The route table (for the host's docs and for tests that compare it with what Javalin registered). */
    public List<ApiRoute> routes() {
        return routes;
    }

    /** The OpenAPI 3 document served at {@code <basePath>/openapi.json}. */
    public byte[] openApiDocument() {
        byte[] doc = openApi;
        if (doc == null) {
            doc = OpenApiDocument.build(routes, json.mapper());
            openApi = doc;
        }
        return doc.clone();
    }

    private void handler(ApiRoute route, Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        try {
            long declared = ctx.req().getContentLengthLong();
            if (declared > settings.maxBodyBytes()) {
                throw new ApiException(413, "payload-too-large", "the request body must be at most " + settings.maxBodyBytes() + " bytes");
            }
            RequestOrigin origin = new RequestOrigin(settings.clientIp().apply(ctx), ctx.userAgent());
            if (route.rateLimit() == ApiRoute.RateLimit.AUTH) {
                Optional<Duration> wait = authLimiter.acquire("ip:" + origin.ip());
                if (wait.isPresent()) {
                    throw new TooManyAttemptsException(wait.get());
                }
            }
            Actor actor = route.access() == ApiRoute.Access.PUBLIC ? null : authenticate(ctx, origin);
            authoriseBeforeBody(route, ctx, actor);
            ApiResult result = route.handler().handle(new ApiCall(ctx, actor, origin, json, settings.maxBodyBytes()));
            write(ctx, result);
        } catch (Exception e) {
            ProblemMapper.Mapped m = ProblemMapper.map(e, ctx.path());
            m.headers().forEach(ctx::header);
            ctx.status(m.problem().status());
            ctx.contentType("application/problem+json");
            ctx.result(json.write(m.problem()));
        }
    }

    /**
     * For account routes that take a body: membership and role are checked before the body is parsed, so a stranger
     * gets the 404 (a member without the permission the 403) the use case would give, never a 400 about the body.
     * The use case checks again (with step-up and audit); this read is the only extra cost.
     */
    private void authoriseBeforeBody(ApiRoute route, Context ctx, Actor actor) {
        if (actor == null || route.permission() == null || route.method().equals("GET")
                || !ctx.pathParamMap().containsKey("accountId")) {
            return;
        }
        TenantId tenant;
        try {
            tenant = new TenantId(java.util.UUID.fromString(ctx.pathParam("accountId")));
        } catch (IllegalArgumentException e) {
            throw new com.ethiq.core.management.identity.NotFoundException("account");
        }
        core.accessPolicy().precheck(actor, tenant, route.permission());
    }

    private Actor authenticate(Context ctx, RequestOrigin origin) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() < 8 || !header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            throw new AuthenticationFailedException();
        }
        return tokens.verifyAccess(header.substring(7).strip())
                .map(claims -> core.auth().authenticate(claims, origin))
                .orElseThrow(AuthenticationFailedException::new);
    }

    private void write(Context ctx, ApiResult r) {
        r.headers().forEach(ctx::header);
        ctx.status(r.status());
        if (r.raw() != null) {
            ctx.contentType(r.contentType());
            ctx.result(r.raw());
        } else if (r.body() != null) {
            ctx.contentType("application/json");
            ctx.result(json.write(r.body()));
        } else {
            ctx.result(new byte[0]);
        }
    }

    /** Collects what the API needs; everything but the settings and clock is required. */
    public static final class Builder {
        private ManagementCore core;
        private TokenService tokens;
        private Clock clock = Clock.systemUTC();
        private ApiSettings settings = ApiSettings.DEFAULT;
        private com.ethiq.core.management.onboarding.NumberPoolOperations pool;
        private java.util.function.Supplier<java.util.Optional<com.ethiq.core.family.FamilyResponse>> family;

        private Builder() {
        }

        /** The identity and account use cases (see {@link ManagementCore#builder()}). */
        public Builder identity(ManagementCore v) { this.core = v; return this; }
        /** Verifies access tokens; must be the same instance the core issues with. */
        public Builder tokens(TokenService v) { this.tokens = v; return this; }
        public Builder clock(Clock v) { this.clock = v; return this; }
        public Builder settings(ApiSettings v) { this.settings = v; return this; }
        /** The operators' number pool use cases; without them the {@code /platform/numbers} routes are not served. */
        public Builder numberPool(com.ethiq.core.management.onboarding.NumberPoolOperations v) { this.pool = v; return this; }

        /**
         * The family response of the node's core, read per request (the core is assembled after the API): with it the
         * members' call action routes ({@code …/calls/{callSid}/actions/…}) are served.
         */
        public Builder callActions(java.util.function.Supplier<java.util.Optional<com.ethiq.core.family.FamilyResponse>> v) {
            this.family = v;
            return this;
        }

        public ManagementApi build() {
            Objects.requireNonNull(core, "'identity' is required");
            Objects.requireNonNull(tokens, "'tokens' is required");
            Objects.requireNonNull(clock, "'clock' must not be null");
            Objects.requireNonNull(settings, "'settings' must not be null");
            return new ManagementApi(this);
        }
    }
}
