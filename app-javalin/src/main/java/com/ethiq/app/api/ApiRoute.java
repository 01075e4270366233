package com.ethiq.app.api;

import com.ethiq.core.management.identity.Permission;
import java.util.List;
import java.util.Objects;

/**
 * One endpoint: method, path, who may call it and what it exchanges. The route table is the single source for
 * registering handlers, for the OpenAPI document and for the authorisation-matrix tests; the permission named here
 * documents the check the use case performs itself.
 */
public record ApiRoute(String method, String path, Access access, Permission permission, boolean stepUp, String tag,
                       String summary, Class<?> requestBody, Class<?> responseBody, int successStatus,
                       List<QueryParam> query, RateLimit rateLimit, Handler handler) {

    public ApiRoute {
        Objects.requireNonNull(method, "'method' must not be null");
        Objects.requireNonNull(path, "'path' must not be null");
        Objects.requireNonNull(access, "'access' must not be null");
        Objects.requireNonNull(summary, "'summary' must not be null");
        query = List.copyOf(query);
        Objects.requireNonNull(rateLimit, "'rateLimit' must not be null");
        Objects.requireNonNull(handler, "'handler' must not be null");
        if (permission != null && access != Access.ACCOUNT) {
            throw new IllegalArgumentException("only account routes carry a permission: " + method + " " + path);
        }
        if (access == Access.OPERATOR && !path.contains("/platform/")) {
            throw new IllegalArgumentException("operator routes live under /platform/: " + method + " " + path);
        }
        if (access == Access.ACCOUNT && permission == null) {
            throw new IllegalArgumentException("account route without permission: " + method + " " + path);
        }
    }

    /** Who may reach the handler at all. */
    public enum Access {
        /** No token (sign-up, login, refresh, the OpenAPI document). */
        PUBLIC,
        /** Any signed-in user, acting on themselves. */
        AUTHENTICATED,
        /** A member of the account in the path with {@link #permission()}, or an operator the matrix allows. */
        ACCOUNT,
        /** Platform operators only (the number pool); every other signed-in user gets 403. */
        OPERATOR
    }

    /** Which raw request budget applies (per client IP), on top of the core's failure throttling. */
    public enum RateLimit { NONE, AUTH }

    public record QueryParam(String name, String type, boolean required, String description) {
    }

    /** Parses, calls one use case, returns what to send. */
    @FunctionalInterface
    public interface Handler {
        ApiResult handle(ApiCall call) throws Exception;
    }

    public boolean hasBody() {
        return requestBody != null;
    }

    /** True if the request body may be left out entirely (the handler reads it optionally). */
    public boolean optionalBody() {
        return requestBody != null && requestBody.isAnnotationPresent(OptionalBody.class);
    }

    /** Marks a request record whose body may be absent. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    public @interface OptionalBody {
    }
}
