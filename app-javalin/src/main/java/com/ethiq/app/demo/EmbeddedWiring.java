package com.ethiq.app.demo;

import com.ethiq.adapter.supabase.DatabaseRoles;
import com.ethiq.app.Adapters;
import com.ethiq.app.AppConfig;
import com.ethiq.app.VendorWiring;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the embedded database into the ordinary configuration variables (so the app is wired exactly as against any
 * PostgreSQL), and builds the adapters from that configuration.
 */
final class EmbeddedWiring {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedWiring.class);

    private EmbeddedWiring() {
    }

    /** The variables an operator would set for this database: URL, the app and platform roles, the secret keys. */
    static Map<String, String> databaseVariables(EmbeddedDatabase db, LocalSecrets secrets) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("ETHIQ_DATABASE_URL", db.jdbcUrl());
        v.put("ETHIQ_DATABASE_USER", DatabaseRoles.DEFAULT.app());
        v.put("ETHIQ_DATABASE_PASSWORD", secrets.appPassword());
        v.put("ETHIQ_DATABASE_PLATFORM_USER", DatabaseRoles.DEFAULT.platform());
        v.put("ETHIQ_DATABASE_PLATFORM_PASSWORD", secrets.platformPassword());
        v.put("ETHIQ_SECRET_KEYS", secrets.secretKeys());
        v.put("ETHIQ_SECRET_ACTIVE_KEY", secrets.activeKeyId());
        return v;
    }

    /**
     * The adapters {@link VendorWiring} builds from {@code config}. While this build's wiring has no PostgreSQL stores
     * yet, falls back to the in-memory ones (said in the banner) rather than refusing to start the demo.
     */
    static Adapters adapters(AppConfig config, Clock clock, EmbeddedDatabase db) {
        try {
            return VendorWiring.fromConfig(config, clock);
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().contains("'ETHIQ_AI'") && e.getMessage().contains("not available")) {
                // an OpenAI key is set but this build cannot use it yet: the rules decide alone, as without a key
                log.warn("AI analysis is not available in this build: phrase rules decide alone");
                return adapters(config.with(Map.of("ETHIQ_AI", "none")), clock, db);
            }
            if (db == null || e.getMessage() == null || !e.getMessage().contains("no PostgreSQL adapter")) {
                throw e;
            }
            log.warn("this build cannot wire PostgreSQL stores yet: falling back to in-memory stores");
            return VendorWiring.fromConfig(config.with(Map.of("ETHIQ_DATABASE_URL", "")), clock);
        }
    }
}
