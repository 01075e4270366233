package com.ethiq.adapter.speech;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Which model to ask for, per language: the configured one until the service refuses it for that language (not every
 * model exists for every language), then the fallback for every later stream of the process. Thread-safe.
 */
final class ModelChoice {
    private final String primary;
    private final String fallback;
    private final ConcurrentHashMap<String, Boolean> refused = new ConcurrentHashMap<>();

    ModelChoice(String primary, String fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    String modelFor(String languageCode) {
        return refused.containsKey(languageCode) && hasFallback() ? fallback : primary;
    }

    boolean hasFallback() {
        return !fallback.isEmpty() && !fallback.equals(primary);
    }

    boolean isPrimary(String model) {
        return primary.equals(model);
    }

    String fallback() {
        return fallback;
    }

    void primaryRefused(String languageCode) {
        refused.put(languageCode, Boolean.TRUE);
    }
}
