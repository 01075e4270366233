package com.ethiq.app.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How the outside world reaches the node and how strictly: the configured public base URL (never derived from request
 * headers), production mode (https only) and the HSTS max-age sent when the URL is https.
 *
 * @param publicBaseUrlDefaulted true when no public URL was configured (local runs): the base follows the bound port
 */
public record TransportSettings(boolean production, URI publicBaseUrl, boolean publicBaseUrlDefaulted, Duration hstsMaxAge) {
    public TransportSettings {
        Objects.requireNonNull(publicBaseUrl, "'publicBaseUrl' must not be null");
        Objects.requireNonNull(hstsMaxAge, "'hstsMaxAge' must not be null");
    }

    /** True when the public URL is https: TwiML refuses ws/http URLs and responses carry HSTS. */
    public boolean tlsRequired() {
        return "https".equals(publicBaseUrl.getScheme());
    }

    public static TransportSettings from(Map<String, String> env, int port) {
        var configured = Settings.PUBLIC_BASE_URL.read(env);
        URI base = configured.orElseGet(() -> URI.create("http://localhost:" + (port == 0 ? 8080 : port)));
        boolean production = Settings.PRODUCTION.read(env);
        if (production && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("'" + Settings.PUBLIC_BASE_URL.name() + "' must be an https:// URL in "
                    + "production mode (" + Settings.PRODUCTION.name() + "=production), got '"
                    + (configured.isEmpty() ? "(not set)" : base.toString()) + "'");
        }
        return new TransportSettings(production, base, configured.isEmpty(), Settings.HSTS_MAX_AGE.read(env));
    }

    /** {@code scheme://host[:port]}, a trailing slash dropped; anything else is refused. */
    static URI parseBaseUrl(String text) {
        URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            throw new IllegalArgumentException("not a bare http(s) base URL");
        }
        return uri;
    }
}
