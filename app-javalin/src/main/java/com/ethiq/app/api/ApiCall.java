package com.ethiq.app.api;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.RequestOrigin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * One request as a handler sees it: the authenticated actor (never from the client's say-so), the origin, and
 * strict readers for the body, path ids and query parameters. Path ids that do not parse are "not found", as
 * unknown ids are. Not thread-safe (one per request).
 */
public final class ApiCall {
    private final Context ctx;
    private final Actor actor;
    private final RequestOrigin origin;
    private final ApiJson json;
    private final int maxBodyBytes;
    private byte[] body;

    ApiCall(Context ctx, Actor actor, RequestOrigin origin, ApiJson json, int maxBodyBytes) {
        this.ctx = ctx;
        this.actor = actor;
        this.origin = origin;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    public Actor actor() {
        if (actor == null) {
            throw new IllegalStateException("route is public: no actor");
        }
        return actor;
    }

    public RequestOrigin origin() {
        return origin;
    }

    private byte[] rawBody() {
        if (body == null) {
            try {
                body = ApiJson.readCapped(ctx.req().getInputStream(), maxBodyBytes);
            } catch (IOException e) {
                throw ApiException.badRequest("unreadable body");
            }
        }
        return body;
    }

    public <T> T body(Class<T> type) {
        requireJson();
        return json.read(rawBody(), type);
    }

    /** The body if one was sent (for endpoints where it is optional). */
    public <T> Optional<T> optionalBody(Class<T> type) {
        byte[] b = rawBody();
        if (b.length == 0) {
            return Optional.empty();
        }
        requireJson();
        return Optional.of(json.read(b, type));
    }

    private void requireJson() {
        String ct = ctx.contentType();
        if (ct == null || !ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported-media-type", "send the body as application/json");
        }
    }

    /** The account in the path; a malformed id is the same 404 as an unknown one. */
    public TenantId account() {
        return new TenantId(uuid("accountId", "account"));
    }

    public UUID uuid(String pathParam, String resource) {
        try {
            return UUID.fromString(ctx.pathParam(pathParam));
        } catch (IllegalArgumentException e) {
            throw new com.ethiq.core.management.identity.NotFoundException(resource);
        }
    }

    /** The {@code callSid} path parameter; one that is not a call sid names no call (404), like an unknown one. */
    public com.ethiq.core.domain.CallSid callSid() {
        try {
            return com.ethiq.core.domain.CallSid.of(ctx.pathParam("callSid"));
        } catch (IllegalArgumentException e) {
            throw new com.ethiq.core.management.identity.NotFoundException("call");
        }
    }

    public String path(String name) {
        return ctx.pathParam(name);
    }

    public String query(String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v;
    }

    public int intQuery(String name, int defaultValue, int min, int max) {
        String v = query(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw ApiException.badRequest("'" + name + "' must be " + min + "-" + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be a whole number");
        }
    }

    public Long longQuery(String name) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be a whole number");
        }
    }

    public Boolean boolQuery(String name) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        throw ApiException.badRequest("'" + name + "' must be true or false");
    }

    public Instant instantQuery(String name) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + name + "' must be an ISO-8601 instant like 2025-03-01T10:00:00Z");
        }
    }
}
