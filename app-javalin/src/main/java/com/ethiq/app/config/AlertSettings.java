package com.ethiq.app.config;

import com.ethiq.core.usecase.AlertDispatcher;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Alert delivery on this node: worker threads and their pass period, the core dispatcher's claims and retries, and the
 * threads sending a freshly raised scam's alerts ({@code sendThreads} for SMS, as many for announcements).
 */
public record AlertSettings(int workers, Duration dispatchInterval, AlertDispatcher.Settings dispatcher, int sendThreads) {
    public AlertSettings {
        if (workers < 1 || sendThreads < 1) {
            throw new IllegalArgumentException("'workers' and 'sendThreads' must be >= 1, got " + workers + " and " + sendThreads);
        }
        Objects.requireNonNull(dispatchInterval, "'dispatchInterval' must not be null");
        Objects.requireNonNull(dispatcher, "'dispatcher' must not be null");
    }

    public static AlertSettings from(Map<String, String> env) {
        return new AlertSettings(Settings.ALERT_WORKERS.read(env), Settings.ALERT_DISPATCH_INTERVAL.read(env),
                new AlertDispatcher.Settings(Settings.ALERT_BATCH.read(env), Settings.ALERT_LEASE.read(env),
                        Settings.ALERT_FIRST_BACKOFF.read(env), Settings.ALERT_MAX_BACKOFF.read(env),
                        Settings.ALERT_MAX_ATTEMPTS.read(env)), Settings.ALERT_SEND_THREADS.read(env));
    }
}
