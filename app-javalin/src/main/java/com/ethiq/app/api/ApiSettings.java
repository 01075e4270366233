package com.ethiq.app.api;

import io.javalin.http.Context;
import java.util.Objects;
import java.util.function.Function;

/**
 * Settings of the management API: where it lives, the body cap on its routes, the raw request budget per client IP
 * on the unauthenticated auth endpoints, and how to find the client's IP. Behind a proxy, give a resolver that
 * trusts only that proxy's header (Javalin's {@code ctx.ip()} is the proxy's address).
 */
public record ApiSettings(String basePath, int maxBodyBytes, int authRequestsPerMinutePerIp,
                          Function<Context, String> clientIp) {
    public static final ApiSettings DEFAULT = new ApiSettings("/api", 64 * 1024, 30, Context::ip);

    public ApiSettings {
        if (basePath == null || !basePath.matches("(/[a-z0-9-]+)+")) {
            throw new IllegalArgumentException("'basePath' must look like /api, got '" + basePath + "'");
        }
        if (maxBodyBytes < 1024 || maxBodyBytes > 1_000_000) {
            throw new IllegalArgumentException("'maxBodyBytes' must be 1 KiB to 1 MB, got " + maxBodyBytes);
        }
        if (authRequestsPerMinutePerIp < 1) {
            throw new IllegalArgumentException("'authRequestsPerMinutePerIp' must be >= 1");
        }
        Objects.requireNonNull(clientIp, "'clientIp' must not be null");
    }

    public ApiSettings withAuthRequestsPerMinutePerIp(int value) {
        return new ApiSettings(basePath, maxBodyBytes, value, clientIp);
    }

    /**
     * The client address behind the trusted proxies ({@code ETHIQ_TRUSTED_PROXIES}): the peer, unless it is one of them,
     * then the right-most {@code X-Forwarded-For} hop that is not (IPv6 keyed by its /64). For per-address budgets.
     */
    public static Function<Context, String> proxyAware(java.util.Set<String> trustedProxies) {
        com.ethiq.app.calls.media.SourceAddress addresses = new com.ethiq.app.calls.media.SourceAddress(trustedProxies);
        return ctx -> addresses.of(ctx.ip(), java.util.Collections.list(ctx.req().getHeaders(com.ethiq.app.calls.media.SourceAddress.FORWARDED_FOR)));
    }

    public ApiSettings withClientIp(Function<Context, String> value) {
        return new ApiSettings(basePath, maxBodyBytes, authRequestsPerMinutePerIp, value);
    }
}
