package com.ethiq.app.demo;

import com.ethiq.adapter.supabase.DatabaseRoles;
import com.ethiq.app.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the embedded database into the ordinary configuration variables, so the app is wired by {@code VendorWiring}
 * exactly as against any PostgreSQL.
 */
public final class EmbeddedWiring {
    private EmbeddedWiring() {
    }

    /** The variables an operator would set for this database: URL, the app and platform roles, the secret keys. */
    static Map<String, String> databaseVariables(EmbeddedDatabase db, LocalSecrets secrets) {
        return databaseVariables(db.jdbcUrl(), secrets);
    }

    /** The same for the server on {@code jdbcUrl} (a running node's, for {@code ./ethiq node-env}). */
    public static Map<String, String> databaseVariables(String jdbcUrl, LocalSecrets secrets) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(Settings.DATABASE_URL.name(), jdbcUrl);
        v.put(Settings.DATABASE_USER.name(), DatabaseRoles.DEFAULT.app());
        v.put(Settings.DATABASE_PASSWORD.name(), secrets.appPassword());
        v.put(Settings.DATABASE_PLATFORM_USER.name(), DatabaseRoles.DEFAULT.platform());
        v.put(Settings.DATABASE_PLATFORM_PASSWORD.name(), secrets.platformPassword());
        v.put(Settings.SECRET_KEYS.name(), secrets.secretKeys());
        v.put(Settings.SECRET_ACTIVE_KEY.name(), secrets.activeKeyId());
        return v;
    }
}
