package com.ethiq.app.config;

import com.ethiq.core.domain.Secret;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The management API and dashboard: the access tokens' key (when configured) and the origins, besides the node's
 * own, allowed to open the live stream.
 */
public record ManagementSettings(Optional<Secret> apiJwtSecret, Set<String> dashboardOrigins) {
    public ManagementSettings {
        Objects.requireNonNull(apiJwtSecret, "'apiJwtSecret' must not be null");
        dashboardOrigins = Set.copyOf(dashboardOrigins);
    }

    public static ManagementSettings from(Map<String, String> env) {
        Set<String> origins = Settings.DASHBOARD_ORIGINS.read(env).map(v -> Arrays.stream(v.split(","))
                .map(String::strip).filter(o -> !o.isEmpty()).collect(Collectors.toCollection(java.util.LinkedHashSet::new)))
                .orElseGet(java.util.LinkedHashSet::new);
        return new ManagementSettings(Settings.API_JWT_SECRET.read(env), origins);
    }
}
