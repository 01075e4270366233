package com.ethiq.app.demo;

import com.ethiq.app.Adapters;
import com.ethiq.app.AppConfig;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.VendorWiring;
import com.ethiq.app.sim.SimulatorRoutes;
import com.ethiq.app.api.ApiSettings;
import com.ethiq.app.security.JwtSettings;
import com.ethiq.app.web.Dashboard;
import com.ethiq.app.web.LiveFeed;
import com.ethiq.app.web.ManagementModule;
import com.ethiq.app.web.Readiness;
import com.ethiq.core.management.identity.PasswordHasher;
import com.ethiq.core.fake.RecordingCallControl;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code ./ethiq serve} runs: the app from the environment, with the embedded defaults filled in for whatever is
 * not configured — an embedded PostgreSQL whose data stays in the data folder (when {@code ETHIQ_DATABASE_URL} is
 * unset), the demo account with fake Twilio credentials (when telephony is simulated), the simulator endpoints (when
 * speech is simulated), the dashboard, and a loud banner. Every real vendor is switched on by its environment variables
 * alone, exactly as without this class. {@link #close()} drains live calls, then stops the database. Thread-safe.
 */
public final class EmbeddedDefault implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDefault.class);

    /** Where the embedded default keeps its files unless {@code ETHIQ_DATA_DIR} says otherwise. */
    public static final String DEFAULT_DATA_DIR = ".ethiq";

    private final EthiqApp app;
    private final Readiness readiness;
    private final ManagementModule.IdentityStores identity;
    private final EmbeddedDatabase database;
    private final DemoTenant demo;
    private final String banner;

    private EmbeddedDefault(EthiqApp app, Readiness readiness, ManagementModule.IdentityStores identity,
                            EmbeddedDatabase database, DemoTenant demo, String banner) {
        this.app = app;
        this.readiness = readiness;
        this.identity = identity;
        this.database = database;
        this.demo = demo;
        this.banner = banner;
    }

    /** Options of one start; {@code env} is the process environment (or a test's). */
    public record Options(Map<String, String> env, Path dataFolder, boolean embeddedDatabase, int databasePort, Clock clock) {
        public Options {
            env = Map.copyOf(env);
            Objects.requireNonNull(dataFolder, "'dataFolder' must not be null");
            Objects.requireNonNull(clock, "'clock' must not be null");
        }

        public static Options fromEnvironment() {
            Map<String, String> env = System.getenv();
            String dir = env.getOrDefault("ETHIQ_DATA_DIR", "");
            return new Options(env, Path.of(dir.isBlank() ? DEFAULT_DATA_DIR : dir), true, 0, Clock.systemUTC());
        }
    }

    /** Starts everything; prints the banner to {@code out} and the simulated deliveries as they happen. */
    public static EmbeddedDefault start(Options options, PrintStream out) {
        Map<String, String> env = new HashMap<>(options.env());
        EmbeddedDatabase database = null;
        LocalSecrets secrets = null;
        ManagementModule.IdentityStores identity = null;
        String databaseText;
        boolean simulatedTelephony = env.getOrDefault("ETHIQ_TELEPHONY", "").isBlank()
                || env.get("ETHIQ_TELEPHONY").strip().equalsIgnoreCase("simulated");
        if (simulatedTelephony && env.getOrDefault("ETHIQ_HTTP_HOST", "").isBlank()) {
            // the demo prints a login and keeps fake credentials on disk: keep it off the network unless asked
            env.put("ETHIQ_HTTP_HOST", "127.0.0.1");
        }
        if (env.getOrDefault("ETHIQ_AI", "").isBlank() && !env.getOrDefault("OPENAI_API_KEY", "").isBlank()) {
            env.put("ETHIQ_AI", "openai"); // rules-only unless an OpenAI key is set
        }
        if (env.getOrDefault("ETHIQ_DATABASE_URL", "").isBlank() && options.embeddedDatabase()) {
            secrets = LocalSecrets.loadOrCreate(options.dataFolder());
            database = EmbeddedDatabase.start(options.dataFolder().resolve("pgdata"), options.databasePort(), secrets);
            env.putAll(EmbeddedWiring.databaseVariables(database, secrets));
            env.putIfAbsent("ETHIQ_MEDIA_TOKEN_SECRET", secrets.mediaTokenSecret());
            databaseText = "embedded PostgreSQL 17 on localhost:" + database.port();
        } else {
            databaseText = env.getOrDefault("ETHIQ_DATABASE_URL", "").isBlank() ? "in-memory (nothing survives a restart)"
                    : "PostgreSQL " + AppConfig.from(env).describe().stream()
                    .filter(l -> l.startsWith("ETHIQ_DATABASE_URL=")).findFirst().orElse("").substring("ETHIQ_DATABASE_URL=".length());
        }
        try {
            AppConfig config = AppConfig.from(env);
            Adapters adapters = EmbeddedWiring.adapters(config, options.clock(), database);
            if (database != null && adapters.vendors().getOrDefault("store", "").startsWith("in-memory")) {
                databaseText = "in-memory (this build cannot use the embedded PostgreSQL yet)";
            }
            PasswordHasher hasher = ManagementModule.defaultHasher();
            identity = adapters.vendors().getOrDefault("store", "").startsWith("in-memory")
                    ? ManagementModule.IdentityStores.inMemory(adapters)
                    : ManagementModule.IdentityStores.forConfig(config, adapters, options.clock());
            ManagementModule management = ManagementModule.forConfig(config, adapters, identity, jwtSettings(env, secrets), hasher,
                    options.clock(), ApiSettings.DEFAULT);
            DemoTenant demo = null;
            if (adapters.callControl() instanceof RecordingCallControl) {
                DemoSeeder seeder = new DemoSeeder(adapters.tenants(), adapters.contacts(), adapters.secrets(), options.clock());
                demo = seeder.seedLogin(seeder.seed(), management.stores().users(), management.stores().memberships(), hasher,
                        secrets != null ? secrets.demoPassword() : LocalSecrets.newDemoPassword());
            }
            AtomicReference<EthiqApp> ref = new AtomicReference<>();
            List<EthiqApp.RouteModule> modules = new ArrayList<>();
            SimulatorRoutes.ifSimulated(adapters, () -> ref.get().publicBaseUrl()).ifPresent(modules::add);
            modules.add(management);
            Readiness readiness = new Readiness();
            modules.add(readiness);
            modules.add(new Dashboard(new LiveFeed(options.clock()), management.viewers(), allowedOrigins(env)));
            EthiqApp app = EthiqApp.start(config, adapters, modules);
            ref.set(app);
            URI base = app.publicBaseUrl();
            if (demo != null) {
                DemoInfo.of(URI.create("http://localhost:" + app.port()), demo).write(options.dataFolder());
            }
            if (adapters.callControl() instanceof RecordingCallControl recording) {
                recording.onDelivery(d -> out.println(SimulatedDeliveryPrinter.describe(d)));
            }
            String banner = Banner.render(base + "/", adapters.vendors(), databaseText,
                    database == null ? null : options.dataFolder().toString(), demo);
            out.println(banner);
            return new EmbeddedDefault(app, readiness, identity, database, demo, banner);
        } catch (RuntimeException e) {
            if (identity != null) {
                identity.close();
            }
            if (database != null) {
                database.close();
            }
            throw e;
        }
    }

    /**
     * The API's JWT key: {@code ETHIQ_API_JWT_SECRET} (base64, >= 32 bytes; the same on every node), else the one the
     * embedded default keeps in its data folder, else a random one valid for this process only.
     */
    static JwtSettings jwtSettings(Map<String, String> env, LocalSecrets secrets) {
        String key = env.getOrDefault("ETHIQ_API_JWT_SECRET", "");
        if (key.isBlank() && secrets != null) {
            key = secrets.apiJwtKey();
        }
        if (key.isBlank()) {
            log.warn("ETHIQ_API_JWT_SECRET is not set: dashboard sessions are valid on this process only (one node)");
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            key = java.util.Base64.getEncoder().encodeToString(random);
        }
        return JwtSettings.of("ethiq", key);
    }

    /** {@code ETHIQ_DASHBOARD_ORIGINS}: comma-separated origins, besides the app's own, allowed to open the live stream. */
    static java.util.Set<String> allowedOrigins(Map<String, String> env) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String o : env.getOrDefault("ETHIQ_DASHBOARD_ORIGINS", "").split(",")) {
            if (!o.isBlank()) {
                out.add(o.strip());
            }
        }
        return out;
    }

    public EthiqApp app() {
        return app;
    }

    /** The demo account, or null when telephony is real. */
    /** The embedded database, or null when the node runs on a configured one. */
    public EmbeddedDatabase database() {
        return database;
    }

    public DemoTenant demo() {
        return demo;
    }

    public String banner() {
        return banner;
    }

    /** Graceful: refuses new calls, drains live ones and pending alerts, stops the server, then the database. */
    @Override
    public void close() {
        try {
            readiness.drain();
            app.stop();
            identity.close();
        } finally {
            if (database != null) {
                database.close();
                log.info("embedded PostgreSQL stopped");
            }
        }
    }
}
