package com.ethiq.app.api;

import java.util.List;

/**
 * An RFC 7807 problem-details body. {@code type} is a stable URI per kind of problem, {@code detail} a sentence
 * for humans that never carries secrets, stack traces or another tenant's data. A 400 also lists its invalid fields
 * in {@code errors} (field, stable code, message) so a client can translate them; absent otherwise.
 */
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldErrors.FieldError> errors) {
    public static final String TYPE_BASE = "https://ethiq.app/problems/";

    public static Problem of(int status, String slug, String title, String detail, String instance) {
        return new Problem(TYPE_BASE + slug, title, status, detail, instance, null);
    }

    /** The same problem with its per-field entries. */
    Problem withErrors(List<FieldErrors.FieldError> value) {
        return new Problem(type, title, status, detail, instance, List.copyOf(value));
    }
}
