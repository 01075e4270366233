package com.ethiq.adapter.openai;

import com.ethiq.core.domain.Secret;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.Timeout;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One OpenAI client and one circuit breaker per API key (the platform's, each tenant's own), cached. All clients
 * share one HTTP client (connection pool, dispatcher): a tenant key costs a small options object, not sockets.
 * Keys are cached by their SHA-256, so a rotated key gets a fresh client and breaker. Thread-safe.
 */
final class ClientPool implements AutoCloseable {

    /** An API key's client and breaker. */
    record Channel(OpenAIClient client, CircuitBreaker breaker, boolean tenantKey) {
    }

    private static final int MAX_CACHED_KEYS = 512;

    private final OpenAiSettings settings;
    private final CircuitBreakerConfig breakerConfig;
    private final Map<String, Channel> channels = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Channel> eldest) {
            return size() > MAX_CACHED_KEYS; // derived clients own nothing: dropping one closes nothing
        }
    };
    private OpenAIClient root;
    private boolean closed;

    ClientPool(OpenAiSettings settings, Clock clock) {
        this.settings = settings;
        this.breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindow(settings.breakerWindow(), settings.breakerMinimumCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build();
    }

    Channel channel(Secret key, boolean tenantKey) {
        String id = fingerprint(key.reveal()); // hashed outside the lock: every call passes here
        return channel(id, key, tenantKey);
    }

    private synchronized Channel channel(String id, Secret key, boolean tenantKey) {
        if (closed) {
            throw AiFailure.of(AiOutcome.VENDOR_ERROR, "the analyzer is closed", true);
        }
        Channel channel = channels.get(id);
        if (channel == null) {
            if (root == null) {
                root = newRootClient(key);
            }
            OpenAIClient client = root.withOptions(options -> options.apiKey(key.reveal()));
            channel = new Channel(client, CircuitBreaker.of("openai-" + id.substring(0, 8), breakerConfig), tenantKey);
            channels.put(id, channel);
        }
        return channel;
    }

    private OpenAIClient newRootClient(Secret key) {
        return OpenAIOkHttpClient.builder()
                .apiKey(key.reveal())
                .baseUrl(settings.baseUrl())
                .timeout(Timeout.builder()
                        .connect(settings.connectTimeout())
                        .read(settings.requestTimeout())
                        .write(settings.requestTimeout())
                        .request(settings.requestTimeout())
                        .build())
                .maxRetries(0) // retries are ours: they honour the analysis budget and the breaker
                .disableTelemetry(true) // no OS/runtime headers to the vendor
                .build();
    }

    /** Short, stable, non-reversible id of a key: cache key and breaker name. */
    static String fingerprint(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        channels.clear();
        if (root != null) {
            root.close();
            root = null;
        }
    }
}
