package com.ethiq.adapter.twilio;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Configuration of the Twilio adapter: where the REST API is (Twilio, a regional host, a staging proxy or a local
 * fake), our public base URL (callbacks, announcements, signature checks), timeouts, retry and circuit-breaker
 * settings. Immutable.
 *
 * @param apiBaseUrl     scheme + host (+ port, + optional path prefix) replacing {@code https://api.twilio.com}
 * @param publicBaseUrl  how Twilio reaches this application, e.g. {@code https://voice.example.com}
 * @param connectTimeout TCP/TLS connect timeout for each REST attempt
 * @param readTimeout    time allowed for the response to one REST attempt
 * @param retry          deliberate retries (only when the request provably was not processed, or is idempotent)
 * @param breaker        circuit breaker, one per tenant
 * @param smsLookback    how far back the SMS idempotency lookup accepts an earlier message as "already sent"
 * @param requireTls     production: API, public and stream URLs must be https/wss
 * @param region         Twilio Region that processes the calls' media (e.g. {@code ie1}, Ireland), or null for Twilio's
 *                       default (US1): SIP legs carry {@code ;region=…}, conferences are mixed there. Pair it with the
 *                       regional {@code apiBaseUrl} ({@code https://api.dublin.ie1.twilio.com}) and that Region's
 *                       credentials (docs/twilio.md, "European region")
 */
public record TwilioSettings(URI apiBaseUrl, URI publicBaseUrl, Duration connectTimeout, Duration readTimeout,
                             RetrySettings retry, BreakerSettings breaker, Duration smsLookback, boolean requireTls,
                             String region) {
    /** Twilio's Region codes (Understanding Twilio Regions): us1, ie1, au1, and those Twilio lists for conference mixing. */
    static final java.util.regex.Pattern REGION = java.util.regex.Pattern.compile("us1|us2|ie1|de1|sg1|jp1|br1|au1");

    /** Without a region: Twilio's default (US1). */
    public TwilioSettings(URI apiBaseUrl, URI publicBaseUrl, Duration connectTimeout, Duration readTimeout,
                          RetrySettings retry, BreakerSettings breaker, Duration smsLookback, boolean requireTls) {
        this(apiBaseUrl, publicBaseUrl, connectTimeout, readTimeout, retry, breaker, smsLookback, requireTls, null);
    }

    public static final URI TWILIO_API = URI.create("https://api.twilio.com");

    public TwilioSettings {
        apiBaseUrl = httpBase(apiBaseUrl, "apiBaseUrl", requireTls);
        publicBaseUrl = httpBase(publicBaseUrl, "publicBaseUrl", requireTls);
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        Objects.requireNonNull(retry, "'retry' must not be null");
        Objects.requireNonNull(breaker, "'breaker' must not be null");
        positive(smsLookback, "smsLookback");
        region = region == null || region.isBlank() ? null : region.strip().toLowerCase(Locale.ROOT);
        if (region != null && !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("'region' must be a Twilio Region code like ie1, got '" + region + "'");
        }
    }

    /** The same settings processing calls in {@code value} (e.g. {@code ie1}); null or blank: Twilio's default. */
    public TwilioSettings withRegion(String value) {
        return new TwilioSettings(apiBaseUrl, publicBaseUrl, connectTimeout, readTimeout, retry, breaker, smsLookback, requireTls, value);
    }

    /** The Region, if one is configured. */
    public java.util.Optional<String> regionCode() {
        return java.util.Optional.ofNullable(region);
    }

    /** Production defaults: api.twilio.com, TLS required, connect 3 s, read 5 s, 3 attempts, breaker 50 % of 10. */
    public static TwilioSettings defaults(URI publicBaseUrl) {
        return defaults(publicBaseUrl, true);
    }

    /**
     * The same defaults, TLS required or not. The choice comes first: {@code defaults(httpUrl).withRequireTls(false)}
     * cannot work, since the constructor checks the URL against TLS before {@code withRequireTls} runs.
     */
    public static TwilioSettings defaults(URI publicBaseUrl, boolean requireTls) {
        return new TwilioSettings(TWILIO_API, publicBaseUrl, Duration.ofSeconds(3), Duration.ofSeconds(5),
                RetrySettings.DEFAULT, BreakerSettings.DEFAULT, Duration.ofHours(24), requireTls);
    }

    /** Whether both URLs are https: TLS can then be required (anything else is a local fake or a tunnel). */
    public static boolean bothHttps(URI publicBaseUrl, URI apiBaseUrl) {
        return publicBaseUrl != null && "https".equals(publicBaseUrl.getScheme())
                && (apiBaseUrl == null || "https".equals(apiBaseUrl.getScheme()));
    }

    public TwilioSettings withApiBaseUrl(URI url) {
        return new TwilioSettings(url, publicBaseUrl, connectTimeout, readTimeout, retry, breaker, smsLookback, requireTls, region);
    }

    public TwilioSettings withPublicBaseUrl(URI url) {
        return new TwilioSettings(apiBaseUrl, url, connectTimeout, readTimeout, retry, breaker, smsLookback, requireTls, region);
    }

    public TwilioSettings withTimeouts(Duration connect, Duration read) {
        return new TwilioSettings(apiBaseUrl, publicBaseUrl, connect, read, retry, breaker, smsLookback, requireTls, region);
    }

    public TwilioSettings withRetry(RetrySettings value) {
        return new TwilioSettings(apiBaseUrl, publicBaseUrl, connectTimeout, readTimeout, value, breaker, smsLookback, requireTls, region);
    }

    public TwilioSettings withBreaker(BreakerSettings value) {
        return new TwilioSettings(apiBaseUrl, publicBaseUrl, connectTimeout, readTimeout, retry, value, smsLookback, requireTls, region);
    }

    public TwilioSettings withSmsLookback(Duration value) {
        return new TwilioSettings(apiBaseUrl, publicBaseUrl, connectTimeout, readTimeout, retry, breaker, value, requireTls, region);
    }

    /** Development and tests only: allows http:// and ws:// URLs. */
    public TwilioSettings withRequireTls(boolean value) {
        return new TwilioSettings(apiBaseUrl, publicBaseUrl, connectTimeout, readTimeout, retry, breaker, smsLookback, value, region);
    }

    /** {@code publicBaseUrl} + {@code path} (a path starting with '/', optionally with a query string). */
    public URI publicUrl(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("'path' must start with '/', got '" + path + "'");
        }
        return URI.create(publicBaseUrl + path);
    }

    /** The WebSocket URL Twilio opens for {@code path}: {@code wss://} (or {@code ws://} for an http base). */
    public URI webSocketUrl(String path) {
        URI http = publicUrl(path);
        String scheme = "https".equals(http.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + http.toString().substring(http.getScheme().length()));
    }

    /**
     * Retries the adapter makes itself. Non-idempotent requests (send SMS, add participant, announce) are retried
     * only when Twilio provably did not process them (HTTP 429/code 20429, connection refused or connect timeout).
     *
     * @param maxAttempts    attempts in all, first included (1 = no retry)
     * @param initialBackoff wait before the 2nd attempt (randomised ±50 %)
     * @param multiplier     growth of the wait per attempt
     * @param maxBackoff     cap of one wait
     */
    public record RetrySettings(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
        public static final RetrySettings DEFAULT = new RetrySettings(3, Duration.ofMillis(500), 2.0, Duration.ofSeconds(4));

        public RetrySettings {
            if (maxAttempts < 1 || maxAttempts > 10) {
                throw new IllegalArgumentException("'maxAttempts' must be 1..10, got " + maxAttempts);
            }
            positive(initialBackoff, "initialBackoff");
            if (!(multiplier >= 1.0 && multiplier <= 10.0)) {
                throw new IllegalArgumentException("'multiplier' must be 1..10, got " + multiplier);
            }
            positive(maxBackoff, "maxBackoff");
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("'maxBackoff' must be >= 'initialBackoff', got " + maxBackoff + " < " + initialBackoff);
            }
        }
    }

    /**
     * Per-tenant circuit breaker over the last {@code windowSize} operations: opens when at least
     * {@code minimumCalls} were made and {@code failureRatePercent} of them failed transiently; stays open
     * {@code openDuration}, then lets one trial through. Permanent errors (bad number...) do not count.
     */
    public record BreakerSettings(int windowSize, int minimumCalls, float failureRatePercent, Duration openDuration) {
        public static final BreakerSettings DEFAULT = new BreakerSettings(10, 5, 50f, Duration.ofSeconds(30));

        public BreakerSettings {
            if (windowSize < 1) {
                throw new IllegalArgumentException("'windowSize' must be at least 1, got " + windowSize);
            }
            if (minimumCalls < 1 || minimumCalls > windowSize) {
                throw new IllegalArgumentException("'minimumCalls' must be 1..windowSize, got " + minimumCalls);
            }
            if (!(failureRatePercent > 0f && failureRatePercent <= 100f)) {
                throw new IllegalArgumentException("'failureRatePercent' must be in (0, 100], got " + failureRatePercent);
            }
            positive(openDuration, "openDuration");
        }
    }

    private static URI httpBase(URI url, String name, boolean requireTls) {
        Objects.requireNonNull(url, "'" + name + "' must not be null");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("'" + name + "' must be an absolute http(s) URL, got '" + url + "'");
        }
        if (requireTls && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + name + "' must be https when TLS is required, got '" + url + "'");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + name + "' must have no query, fragment or user info, got '" + url + "'");
        }
        String text = url.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, "'" + name + "' must not be null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + name + "' must be positive, got " + d);
        }
    }
}
