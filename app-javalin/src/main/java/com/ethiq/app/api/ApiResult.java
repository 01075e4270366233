package com.ethiq.app.api;

import java.util.Map;

/** What a handler sends back: a status and a JSON body, or raw bytes (CSV) with their content type and headers. */
public record ApiResult(int status, Object body, byte[] raw, String contentType, Map<String, String> headers) {
    public static ApiResult ok(Object body) {
        return new ApiResult(200, body, null, null, Map.of());
    }

    public static ApiResult created(Object body) {
        return new ApiResult(201, body, null, null, Map.of());
    }

    public static ApiResult accepted(Object body) {
        return new ApiResult(202, body, null, null, Map.of());
    }

    public static ApiResult noContent() {
        return new ApiResult(204, null, null, null, Map.of());
    }

    public static ApiResult raw(byte[] bytes, String contentType, Map<String, String> headers) {
        return new ApiResult(200, null, bytes, contentType, Map.copyOf(headers));
    }
}
