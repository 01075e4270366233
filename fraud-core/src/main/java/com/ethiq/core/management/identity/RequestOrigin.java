package com.ethiq.core.management.identity;

/** Where a request came from, for audit rows and per-IP throttling. Both fields are capped and never null. */
public record RequestOrigin(String ip, String userAgent) {
    public static final RequestOrigin INTERNAL = new RequestOrigin("internal", "internal");

    public RequestOrigin {
        ip = cap(ip, 64);
        userAgent = cap(userAgent, 256);
    }

    private static String cap(String s, int max) {
        if (s == null) {
            return "";
        }
        // Control characters would forge lines in logs and exports.
        String clean = s.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
