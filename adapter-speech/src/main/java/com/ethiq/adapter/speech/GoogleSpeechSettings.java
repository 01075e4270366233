package com.ethiq.adapter.speech;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of {@link GoogleSpeechTranscriber} (Google Cloud Speech-to-Text v1 streaming). Immutable; build it
 * with {@link #builder()}, every field has a production default.
 *
 * @param endpoint             host:port of the Speech API ({@code speech.googleapis.com:443}; regional endpoints work too)
 * @param plaintext            plain-text gRPC without credentials: only for a local fake server
 * @param model                recognition model, {@code telephony} by default
 * @param fallbackModel        model used when the service rejects {@code model} for the language ({@code phone_call},
 *                             sent with {@code use_enhanced}); empty for none
 * @param alternativeLanguages extra BCP-47 tags sent as {@code alternative_language_codes} (Google documents them for
 *                             command and search audio only: empty by default)
 * @param phraseBoost          boost of the request's phrase hints (Google advises 0..20; high values cause false hits)
 * @param restartInterval      a stream is replaced after this much audio or wall time (Google ends streams at ~305 s)
 * @param retainedAudio        audio kept since the last final result, re-sent on the next stream (memory per track:
 *                             8 KB per second)
 * @param maxQueuedAudio       audio waiting to be sent per track; beyond it the oldest audio is dropped (counted)
 * @param closeTimeout         how long close() waits for the last results and billing before cancelling
 * @param backoff              reconnection after transient errors
 * @param circuitBreaker       fail fast while the service is down for every track
 * @param workerThreads        shared threads running every track's stream logic and listener callbacks
 * @param channels             gRPC connections of the default client (Google front ends queue beyond ~100 concurrent
 *                             streams per connection: 4 serve ~400 tracks, i.e. 200 calls); per-tenant clients use 1
 * @param credentialsCacheTtl  how long a tenant's service-account lookup is reused before asking TenantSecrets again
 */
public record GoogleSpeechSettings(String endpoint, boolean plaintext, String model, String fallbackModel,
                                   List<String> alternativeLanguages, float phraseBoost, Duration restartInterval,
                                   Duration retainedAudio, Duration maxQueuedAudio, Duration closeTimeout,
                                   Backoff backoff, CircuitBreaker circuitBreaker, int workerThreads, int channels,
                                   Duration credentialsCacheTtl) {
    public static final String DEFAULT_ENDPOINT = "speech.googleapis.com:443";

    public GoogleSpeechSettings {
        if (endpoint == null || endpoint.isBlank() || !endpoint.contains(":")) {
            throw new IllegalArgumentException("'endpoint' must be host:port, got '" + endpoint + "'");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("'model' must not be blank");
        }
        fallbackModel = fallbackModel == null ? "" : fallbackModel.strip();
        alternativeLanguages = List.copyOf(Objects.requireNonNull(alternativeLanguages, "'alternativeLanguages' must not be null"));
        if (alternativeLanguages.size() > 3) {
            throw new IllegalArgumentException("'alternativeLanguages' allows at most 3 tags, got " + alternativeLanguages.size());
        }
        if (!(phraseBoost >= 0 && phraseBoost <= 20)) {
            throw new IllegalArgumentException("'phraseBoost' must be within 0..20, got " + phraseBoost);
        }
        positive(restartInterval, "restartInterval");
        positive(retainedAudio, "retainedAudio");
        positive(maxQueuedAudio, "maxQueuedAudio");
        positive(closeTimeout, "closeTimeout");
        positive(credentialsCacheTtl, "credentialsCacheTtl");
        if (retainedAudio.multipliedBy(2).compareTo(restartInterval) > 0) {
            // a replay longer than half a stream would leave the new stream too little room before its own restart
            throw new IllegalArgumentException("'retainedAudio' must be at most half of 'restartInterval', got "
                    + retainedAudio + " for " + restartInterval);
        }
        Objects.requireNonNull(backoff, "'backoff' must not be null");
        Objects.requireNonNull(circuitBreaker, "'circuitBreaker' must not be null");
        if (workerThreads < 1 || workerThreads > 64) {
            throw new IllegalArgumentException("'workerThreads' must be within 1..64, got " + workerThreads);
        }
        if (channels < 1 || channels > 64) {
            throw new IllegalArgumentException("'channels' must be within 1..64, got " + channels);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Exponential backoff with equal jitter: attempt n waits between d/2 and d, d = min(max, initial × multiplier^(n-1)). */
    public record Backoff(Duration initial, Duration max, double multiplier, int maxAttempts) {
        public Backoff {
            positive(initial, "initial");
            positive(max, "max");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("'max' must be >= 'initial', got " + max);
            }
            if (!(multiplier >= 1.0 && multiplier <= 10.0)) {
                throw new IllegalArgumentException("'multiplier' must be within 1..10, got " + multiplier);
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("'maxAttempts' must be >= 1, got " + maxAttempts);
            }
        }

        /** The longest wait before attempt {@code attempt} (1-based). */
        public Duration ceiling(int attempt) {
            double ms = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
            return Duration.ofMillis((long) Math.min(max.toMillis(), ms));
        }
    }

    /**
     * Process-wide breaker: after {@code failureThreshold} consecutive transient failures (any track) it opens for
     * {@code openFor}; while open, tracks that need a new stream after an error, and new tracks, fail at once.
     */
    public record CircuitBreaker(int failureThreshold, Duration openFor) {
        public CircuitBreaker {
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("'failureThreshold' must be >= 1, got " + failureThreshold);
            }
            positive(openFor, "openFor");
        }
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("'" + name + "' must be a positive duration, got " + value);
        }
    }

    /** Builder with the production defaults. */
    public static final class Builder {
        private String endpoint = DEFAULT_ENDPOINT;
        private boolean plaintext;
        private String model = "telephony";
        private String fallbackModel = "phone_call";
        private List<String> alternativeLanguages = List.of();
        private float phraseBoost = 8.0f;
        private Duration restartInterval = Duration.ofSeconds(270);
        private Duration retainedAudio = Duration.ofSeconds(30);
        private Duration maxQueuedAudio = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(5);
        private Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(8), 2.0, 8);
        private CircuitBreaker circuitBreaker = new CircuitBreaker(20, Duration.ofSeconds(30));
        private int workerThreads = 2;
        private int channels = 4;
        private Duration credentialsCacheTtl = Duration.ofMinutes(5);

        private Builder() {
        }

        private Builder(GoogleSpeechSettings s) {
            endpoint = s.endpoint;
            plaintext = s.plaintext;
            model = s.model;
            fallbackModel = s.fallbackModel;
            alternativeLanguages = s.alternativeLanguages;
            phraseBoost = s.phraseBoost;
            restartInterval = s.restartInterval;
            retainedAudio = s.retainedAudio;
            maxQueuedAudio = s.maxQueuedAudio;
            closeTimeout = s.closeTimeout;
            backoff = s.backoff;
            circuitBreaker = s.circuitBreaker;
            workerThreads = s.workerThreads;
            channels = s.channels;
            credentialsCacheTtl = s.credentialsCacheTtl;
        }

        public Builder endpoint(String value) {
            endpoint = value;
            return this;
        }

        /** Plain-text gRPC, no credentials: for a local fake only. */
        public Builder plaintext(boolean value) {
            plaintext = value;
            return this;
        }

        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder fallbackModel(String value) {
            fallbackModel = value;
            return this;
        }

        public Builder alternativeLanguages(List<String> value) {
            alternativeLanguages = value;
            return this;
        }

        public Builder phraseBoost(float value) {
            phraseBoost = value;
            return this;
        }

        public Builder restartInterval(Duration value) {
            restartInterval = value;
            return this;
        }

        public Builder retainedAudio(Duration value) {
            retainedAudio = value;
            return this;
        }

        public Builder maxQueuedAudio(Duration value) {
            maxQueuedAudio = value;
            return this;
        }

        public Builder closeTimeout(Duration value) {
            closeTimeout = value;
            return this;
        }

        public Builder backoff(Backoff value) {
            backoff = value;
            return this;
        }

        public Builder circuitBreaker(CircuitBreaker value) {
            circuitBreaker = value;
            return this;
        }

        public Builder workerThreads(int value) {
            workerThreads = value;
            return this;
        }

        public Builder channels(int value) {
            channels = value;
            return this;
        }

        public Builder credentialsCacheTtl(Duration value) {
            credentialsCacheTtl = value;
            return this;
        }

        public GoogleSpeechSettings build() {
            return new GoogleSpeechSettings(endpoint, plaintext, model, fallbackModel, alternativeLanguages, phraseBoost,
                    restartInterval, retainedAudio, maxQueuedAudio, closeTimeout, backoff, circuitBreaker,
                    workerThreads, channels, credentialsCacheTtl);
        }
    }
}
