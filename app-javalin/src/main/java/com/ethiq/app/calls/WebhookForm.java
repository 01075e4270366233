package com.ethiq.app.calls;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Twilio webhook's form, refusing what Twilio never sends before the servlet container gets to choke on it:
 * a body that is not {@code application/x-www-form-urlencoded} is a 415 and an unknown or non-ASCII-compatible
 * charset a 415 too (these were 500s with a 48-line stack trace each, reachable without a signature); a form that
 * cannot be decoded is a 400. Stateless.
 */
public final class WebhookForm {
    private static final String FORM = "application/x-www-form-urlencoded";

    private WebhookForm() {
    }

    /** The first value of each field (Twilio never repeats a field on these webhooks). */
    public static Map<String, String> firstValues(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            throw new HttpResponseException(415, "webhooks must be " + FORM);
        }
        int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            String name = type.substring(at + 8).split(";", 2)[0].strip().replace("\"", "");
            if (!supported(name)) {
                throw new HttpResponseException(415, "unsupported charset");
            }
        }
        Map<String, List<String>> raw;
        try {
            raw = ctx.formParamMap();
        } catch (RuntimeException e) {
            throw new HttpResponseException(400, "unreadable form");
        }
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v.get(0));
            }
        });
        return out;
    }

    private static boolean supported(String name) {
        try {
            String canonical = Charset.forName(name).name();
            return canonical.equals("UTF-8") || canonical.equals("US-ASCII") || canonical.equals("ISO-8859-1");
        } catch (RuntimeException e) {
            return false;
        }
    }
}
