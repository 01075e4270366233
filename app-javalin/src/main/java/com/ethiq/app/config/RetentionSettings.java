package com.ethiq.app.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** The transcript retention job (each tenant's retention period is a tenant setting, not a node one). */
public record RetentionSettings(Duration interval) {
    public RetentionSettings {
        Objects.requireNonNull(interval, "'interval' must not be null");
    }

    public static RetentionSettings from(Map<String, String> env) {
        return new RetentionSettings(Settings.RETENTION_INTERVAL.read(env));
    }
}
