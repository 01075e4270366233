package com.ethiq.app.api;

import com.ethiq.core.EthiqException;

/** A request the API layer itself refuses before any use case runs (malformed JSON, oversized body, bad query). */
public class ApiException extends EthiqException {
    private final int status;
    private final String slug;

    public ApiException(int status, String slug, String message) {
        super(message);
        this.status = status;
        this.slug = slug;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "validation", message);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }
}
