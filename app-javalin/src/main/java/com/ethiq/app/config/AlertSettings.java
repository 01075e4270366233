package com.ethiq.app.config;

import com.ethiq.core.usecase.AlertDispatcher;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** Alert delivery on this node: worker threads and their pass period, and the core dispatcher's claims and retries. */
public record AlertSettings(int workers, Duration dispatchInterval, AlertDispatcher.Settings dispatcher) {
    public AlertSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("'workers' must be >= 1, got " + workers);
        }
        Objects.requireNonNull(dispatchInterval, "'dispatchInterval' must not be null");
        Objects.requireNonNull(dispatcher, "'dispatcher' must not be null");
    }

    public static AlertSettings from(Map<String, String> env) {
        return new AlertSettings(Settings.ALERT_WORKERS.read(env), Settings.ALERT_DISPATCH_INTERVAL.read(env),
                new AlertDispatcher.Settings(Settings.ALERT_BATCH.read(env), Settings.ALERT_LEASE.read(env),
                        Settings.ALERT_FIRST_BACKOFF.read(env), Settings.ALERT_MAX_BACKOFF.read(env),
                        Settings.ALERT_MAX_ATTEMPTS.read(env)));
    }
}
