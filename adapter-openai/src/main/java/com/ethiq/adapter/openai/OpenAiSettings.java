package com.ethiq.adapter.openai;

import com.ethiq.core.domain.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of {@link OpenAiScamAnalyzer}. Immutable; validated on construction (messages name the field). The
 * adapter reads no environment: a host builds this (the Ethiq app maps its documented variables onto the builder).
 *
 * @param apiKey              the platform key; null when only tenants with their own key are analysed
 * @param baseUrl             OpenAI-compatible endpoint ending in {@code /v1} (OpenAI, Azure OpenAI v1, a gateway)
 * @param model               model, or Azure deployment, name
 * @param connectTimeout      TCP/TLS connect timeout of one attempt
 * @param requestTimeout      whole budget of one analysis: every attempt and every wait between attempts
 * @param maxWindowTurns      newest turns sent at most
 * @param maxWindowChars      characters of transcript sent at most (older turns dropped first)
 * @param maxCompletionTokens cap on the answer's tokens (the JSON answer needs ~150)
 * @param temperature         sampling temperature; null to leave it out (reasoning models accept only the default)
 * @param maxConcurrentCalls  AI calls in flight per node (bulkhead); one more is refused at once
 * @param tenantCallsPerPeriod AI calls one tenant may start per {@code tenantPeriod}
 * @param tenantPeriod        refresh period of the per-tenant rate limit
 * @param maxAttempts         attempts per analysis including the first (1 = no retry)
 * @param retryBackoff        first wait before a retry when the vendor gives no Retry-After (doubles, ±20 % jitter)
 * @param maxRetryAfter       a Retry-After longer than this is not waited for: the analysis fails at once
 * @param minAttemptTime      a retry is attempted only if at least this much of the budget is left after the wait
 * @param breakerWindow       calls in the circuit breaker's sliding window (per API key)
 * @param breakerMinimumCalls calls before the breaker may open
 * @param breakerFailureRate  failure percentage that opens the breaker
 * @param breakerOpenDuration how long an open breaker refuses calls before letting probes through
 */
public record OpenAiSettings(Secret apiKey, String baseUrl, String model, Duration connectTimeout, Duration requestTimeout,
                             int maxWindowTurns, int maxWindowChars, int maxCompletionTokens, Double temperature,
                             int maxConcurrentCalls, int tenantCallsPerPeriod, Duration tenantPeriod, int maxAttempts,
                             Duration retryBackoff, Duration maxRetryAfter, Duration minAttemptTime, int breakerWindow,
                             int breakerMinimumCalls, float breakerFailureRate, Duration breakerOpenDuration) {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_MODEL = "gpt-4o-mini";

    public OpenAiSettings {
        Objects.requireNonNull(baseUrl, "'baseUrl' must not be null");
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'baseUrl' must be a URL, got '" + baseUrl + "'", e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("'baseUrl' must be an http(s) URL, got '" + baseUrl + "'");
        }
        if ("http".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("'baseUrl' must use https outside loopback, got '" + baseUrl + "'");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("'model' must not be blank");
        }
        positive(connectTimeout, "connectTimeout");
        positive(requestTimeout, "requestTimeout");
        if (connectTimeout.compareTo(requestTimeout) > 0) {
            throw new IllegalArgumentException("'connectTimeout' (" + connectTimeout + ") must not exceed 'requestTimeout' ("
                    + requestTimeout + ")");
        }
        atLeast(maxWindowTurns, 1, "maxWindowTurns");
        atLeast(maxWindowChars, 200, "maxWindowChars");
        atLeast(maxCompletionTokens, 100, "maxCompletionTokens");
        if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("'temperature' must be within 0..2, got " + temperature);
        }
        atLeast(maxConcurrentCalls, 1, "maxConcurrentCalls");
        atLeast(tenantCallsPerPeriod, 1, "tenantCallsPerPeriod");
        positive(tenantPeriod, "tenantPeriod");
        if (maxAttempts < 1 || maxAttempts > 5) {
            throw new IllegalArgumentException("'maxAttempts' must be within 1..5, got " + maxAttempts);
        }
        positive(retryBackoff, "retryBackoff");
        positive(maxRetryAfter, "maxRetryAfter");
        positive(minAttemptTime, "minAttemptTime");
        atLeast(breakerWindow, 1, "breakerWindow");
        if (breakerMinimumCalls < 1 || breakerMinimumCalls > breakerWindow) {
            throw new IllegalArgumentException("'breakerMinimumCalls' must be within 1..breakerWindow (" + breakerWindow
                    + "), got " + breakerMinimumCalls);
        }
        if (!(breakerFailureRate > 0 && breakerFailureRate <= 100)) {
            throw new IllegalArgumentException("'breakerFailureRate' must be within (0, 100], got " + breakerFailureRate);
        }
        positive(breakerOpenDuration, "breakerOpenDuration");
    }

    /** The defaults, documented in docs/ai-analysis.md. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String toString() {
        return "OpenAiSettings[apiKey=" + (apiKey == null ? "unset" : "set") + ", baseUrl=" + baseUrl + ", model=" + model
                + ", requestTimeout=" + requestTimeout + ", maxConcurrentCalls=" + maxConcurrentCalls
                + ", tenantCallsPerPeriod=" + tenantCallsPerPeriod + "/" + tenantPeriod + ", maxAttempts=" + maxAttempts + "]";
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1");
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, "'" + name + "' must not be null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + name + "' must be positive, got " + d);
        }
    }

    private static void atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException("'" + name + "' must be >= " + min + ", got " + value);
        }
    }

    /** Mutable builder for {@link OpenAiSettings}; not thread-safe. */
    public static final class Builder {
        private Secret apiKey;
        private String baseUrl = DEFAULT_BASE_URL;
        private String model = DEFAULT_MODEL;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(6);
        private int maxWindowTurns = 24;
        private int maxWindowChars = 6_000;
        private int maxCompletionTokens = 400;
        private Double temperature = 0.0;
        private int maxConcurrentCalls = 16;
        private int tenantCallsPerPeriod = 30;
        private Duration tenantPeriod = Duration.ofMinutes(1);
        private int maxAttempts = 2;
        private Duration retryBackoff = Duration.ofMillis(250);
        private Duration maxRetryAfter = Duration.ofSeconds(2);
        private Duration minAttemptTime = Duration.ofMillis(800);
        private int breakerWindow = 20;
        private int breakerMinimumCalls = 10;
        private float breakerFailureRate = 50;
        private Duration breakerOpenDuration = Duration.ofSeconds(30);

        private Builder() {
        }

        private Builder(OpenAiSettings s) {
            apiKey = s.apiKey;
            baseUrl = s.baseUrl;
            model = s.model;
            connectTimeout = s.connectTimeout;
            requestTimeout = s.requestTimeout;
            maxWindowTurns = s.maxWindowTurns;
            maxWindowChars = s.maxWindowChars;
            maxCompletionTokens = s.maxCompletionTokens;
            temperature = s.temperature;
            maxConcurrentCalls = s.maxConcurrentCalls;
            tenantCallsPerPeriod = s.tenantCallsPerPeriod;
            tenantPeriod = s.tenantPeriod;
            maxAttempts = s.maxAttempts;
            retryBackoff = s.retryBackoff;
            maxRetryAfter = s.maxRetryAfter;
            minAttemptTime = s.minAttemptTime;
            breakerWindow = s.breakerWindow;
            breakerMinimumCalls = s.breakerMinimumCalls;
            breakerFailureRate = s.breakerFailureRate;
            breakerOpenDuration = s.breakerOpenDuration;
        }

        public Builder apiKey(Secret apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder window(int maxTurns, int maxChars) {
            this.maxWindowTurns = maxTurns;
            this.maxWindowChars = maxChars;
            return this;
        }

        public Builder maxCompletionTokens(int maxCompletionTokens) {
            this.maxCompletionTokens = maxCompletionTokens;
            return this;
        }

        public Builder temperature(Double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder maxConcurrentCalls(int maxConcurrentCalls) {
            this.maxConcurrentCalls = maxConcurrentCalls;
            return this;
        }

        public Builder tenantRateLimit(int calls, Duration period) {
            this.tenantCallsPerPeriod = calls;
            this.tenantPeriod = period;
            return this;
        }

        public Builder retry(int maxAttempts, Duration backoff, Duration maxRetryAfter, Duration minAttemptTime) {
            this.maxAttempts = maxAttempts;
            this.retryBackoff = backoff;
            this.maxRetryAfter = maxRetryAfter;
            this.minAttemptTime = minAttemptTime;
            return this;
        }

        public Builder circuitBreaker(int window, int minimumCalls, float failureRate, Duration openDuration) {
            this.breakerWindow = window;
            this.breakerMinimumCalls = minimumCalls;
            this.breakerFailureRate = failureRate;
            this.breakerOpenDuration = openDuration;
            return this;
        }

        public OpenAiSettings build() {
            return new OpenAiSettings(apiKey, baseUrl, model, connectTimeout, requestTimeout, maxWindowTurns,
                    maxWindowChars, maxCompletionTokens, temperature, maxConcurrentCalls, tenantCallsPerPeriod,
                    tenantPeriod, maxAttempts, retryBackoff, maxRetryAfter, minAttemptTime, breakerWindow,
                    breakerMinimumCalls, breakerFailureRate, breakerOpenDuration);
        }
    }
}
