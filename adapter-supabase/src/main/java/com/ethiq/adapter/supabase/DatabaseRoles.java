package com.ethiq.adapter.supabase;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The three database roles the schema is built around: the owner (NOLOGIN, owns every object, runs migrations
 * through {@code SET ROLE}), the app role (tenant traffic under row-level security) and the platform role
 * (explicit cross-tenant jobs). Names are plain lower-case identifiers, checked here because they are spliced
 * into DDL. Immutable.
 */
public record DatabaseRoles(String owner, String app, String platform) {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** The names used in the docs and by {@code TestDatabase}. */
    public static final DatabaseRoles DEFAULT = new DatabaseRoles("ethiq_owner", "ethiq_app", "ethiq_platform");

    /** The schema every object lives in. */
    public static final String SCHEMA = "ethiq";

    public DatabaseRoles {
        check("owner", owner);
        check("app", app);
        check("platform", platform);
        if (owner.equals(app) || owner.equals(platform) || app.equals(platform)) {
            throw new IllegalArgumentException("'roles' must be three distinct roles, got " + owner + ", " + app + ", " + platform);
        }
    }

    private static void check(String name, String value) {
        Objects.requireNonNull(value, "'" + name + "' role must not be null");
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + name + "' role must be a lower-case identifier, got '" + value + "'");
        }
    }

    /** Flyway placeholders used by the migrations. */
    Map<String, String> placeholders() {
        return Map.of("owner_role", owner, "app_role", app, "platform_role", platform);
    }
}
