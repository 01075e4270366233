package com.ethiq.app.api;

/**
 * An RFC 7807 problem-details body. {@code type} is a stable URI per kind of problem, {@code detail} a sentence
 * for humans that never carries secrets, stack traces or another tenant's data.
 */
public record Problem(String type, String title, int status, String detail, String instance) {
    public static final String TYPE_BASE = "https://ethiq.app/problems/";

    public static Problem of(int status, String slug, String title, String detail, String instance) {
        return new Problem(TYPE_BASE + slug, title, status, detail, instance);
    }
}
