package com.ethiq.app.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import com.ethiq.core.domain.Secret;

/**
 * The HTTP host of a node: where it listens, what it is called, its webhook cap, tenant cache, metrics, shutdown, and
 * how long a media socket rests between reads.
 */
public record ServerSettings(String host, int port, String nodeId, int webhookMaxBodyBytes, Duration tenantCacheTtl,
                             boolean metricsEnabled, Optional<Secret> metricsToken, Duration shutdownGrace,
                             Duration mediaReadInterval) {
    public ServerSettings {
        Objects.requireNonNull(host, "'host' must not be null");
        Objects.requireNonNull(nodeId, "'nodeId' must not be null");
        Objects.requireNonNull(tenantCacheTtl, "'tenantCacheTtl' must not be null");
        Objects.requireNonNull(metricsToken, "'metricsToken' must not be null");
        Objects.requireNonNull(shutdownGrace, "'shutdownGrace' must not be null");
        Objects.requireNonNull(mediaReadInterval, "'mediaReadInterval' must not be null");
    }

    public static ServerSettings from(Map<String, String> env) {
        return new ServerSettings(Settings.HTTP_HOST.read(env), Settings.HTTP_PORT.read(env),
                Settings.NODE_ID.read(env).orElseGet(ServerSettings::hostName), Settings.WEBHOOK_MAX_BODY_BYTES.read(env),
                Settings.TENANT_CACHE_TTL.read(env), Settings.METRICS_ENABLED.read(env), Settings.METRICS_TOKEN.read(env),
                Settings.SHUTDOWN_GRACE.read(env), Settings.MEDIA_READ_INTERVAL.read(env));
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "node";
        }
    }
}
