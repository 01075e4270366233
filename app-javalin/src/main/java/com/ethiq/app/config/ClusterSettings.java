package com.ethiq.app.config;

import com.ethiq.core.usecase.StreamRecovery;
import java.util.Map;
import java.util.Objects;

/**
 * How the nodes sharing a database take over each other's calls: the lease heartbeat and how long a lease may go
 * unrenewed before survivors stream its call again or close it ({@link StreamRecovery}).
 */
public record ClusterSettings(StreamRecovery.Settings recovery) {
    public ClusterSettings {
        Objects.requireNonNull(recovery, "'recovery' must not be null");
    }

    public static ClusterSettings from(Map<String, String> env) {
        StreamRecovery.Settings d = StreamRecovery.Settings.DEFAULT;
        try {
            return new ClusterSettings(new StreamRecovery.Settings(Settings.LEASE_HEARTBEAT.read(env),
                    Settings.LEASE_LAPSE_AFTER.read(env), d.maxPerPass(), d.parallelism(), d.pendingFor(), d.maxGenerations()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Settings.LEASE_LAPSE_AFTER.name() + "/" + Settings.LEASE_HEARTBEAT.name() + ": "
                    + e.getMessage(), e);
        }
    }
}
