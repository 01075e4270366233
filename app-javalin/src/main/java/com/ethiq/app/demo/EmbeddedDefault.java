package com.ethiq.app.demo;

import com.ethiq.app.Adapters;
import com.ethiq.app.AppConfig;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.VendorWiring;
import com.ethiq.app.config.LocalRunSettings;
import com.ethiq.app.config.ManagementSettings;
import com.ethiq.app.config.Settings;
import com.ethiq.app.config.VendorMode;
import com.ethiq.core.domain.Secret;
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

    private final EthiqApp app;
    private final Readiness readiness;
    private final EmbeddedDatabase database;
    private final DemoTenant demo;
    private final String banner;

    private EmbeddedDefault(EthiqApp app, Readiness readiness, EmbeddedDatabase database, DemoTenant demo, String banner) {
        this.app = app;
        this.readiness = readiness;
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
            return new Options(env, LocalRunSettings.from(env).dataDir(), true, 0, Clock.systemUTC());
        }
    }

    /** Starts everything; prints the banner to {@code out} and the simulated deliveries as they happen. */
    public static EmbeddedDefault start(Options options, PrintStream out) {
        Map<String, String> env = new HashMap<>(options.env());
        EmbeddedDatabase database = null;
        LocalSecrets secrets = null;
        Adapters adapters = null;
        String databaseText;
        boolean simulatedTelephony = Settings.TELEPHONY.read(env) == VendorMode.SIMULATED;
        if (simulatedTelephony && !Settings.HTTP_HOST.isSet(env)) {
            // the demo prints a login and keeps fake credentials on disk: keep it off the network unless asked
            env.put(Settings.HTTP_HOST.name(), "127.0.0.1");
        }
        if (!Settings.AI.isSet(env) && Settings.OPENAI_API_KEY.isSet(env)) {
            env.put(Settings.AI.name(), "openai"); // rules-only unless an OpenAI key is set
        }
        if (!Settings.DATABASE_URL.isSet(env) && options.embeddedDatabase()) {
            secrets = LocalSecrets.loadOrCreate(options.dataFolder());
            database = EmbeddedDatabase.start(options.dataFolder().resolve("pgdata"), options.databasePort(), secrets);
            env.putAll(EmbeddedWiring.databaseVariables(database, secrets));
            env.putIfAbsent(Settings.MEDIA_TOKEN_SECRET.name(), secrets.mediaTokenSecret());
            databaseText = "embedded PostgreSQL 17 on localhost:" + database.port();
        } else {
            databaseText = !Settings.DATABASE_URL.isSet(env) ? "in-memory (nothing survives a restart)"
                    : "PostgreSQL " + AppConfig.from(env).describe().stream()
                    .filter(l -> l.startsWith(Settings.DATABASE_URL.name() + "=")).findFirst().orElse("")
                    .substring(Settings.DATABASE_URL.name().length() + 1);
        }
        try {
            AppConfig config = AppConfig.from(env);
            adapters = VendorWiring.fromConfig(config, options.clock());
            PasswordHasher hasher = ManagementModule.defaultHasher();
            ManagementModule management = ManagementModule.forConfig(config, adapters,
                    jwtSettings(config.management(), secrets), hasher, options.clock(), ApiSettings.DEFAULT);
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
            modules.add(new Dashboard(new LiveFeed(options.clock(), adapters.clusterEvents()), management.viewers(),
                    config.management().dashboardOrigins()));
            EthiqApp app = EthiqApp.start(config, adapters, modules);
            ref.set(app);
            URI base = app.publicBaseUrl();
            if (demo != null) {
                DemoInfo.of(URI.create("http://localhost:" + app.port()), demo).write(options.dataFolder());
            }
            if (adapters.callControl() instanceof RecordingCallControl recording) {
                // the sender an account's alerts would show at Twilio: its own (management API) or the platform's
                var senders = new com.ethiq.app.AccountSmsSending(adapters.accountTelephony(), config.telephony().smsSending());
                recording.onDelivery(d -> out.println(SimulatedDeliveryPrinter.describe(d, tenant -> {
                    var sending = senders.forTenant(tenant);
                    return sending.alphanumericSender().orElse(sending.messagingServiceSid().map(s -> "service " + s).orElse(null));
                })));
            }
            String banner = Banner.render(base + "/", adapters.vendors(), databaseText,
                    database == null ? null : options.dataFolder().toString(), demo);
            out.println(banner);
            return new EmbeddedDefault(app, readiness, database, demo, banner);
        } catch (RuntimeException e) {
            if (adapters != null) {
                adapters.close();
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
    static JwtSettings jwtSettings(ManagementSettings settings, LocalSecrets secrets) {
        String key = settings.apiJwtSecret().map(Secret::reveal).orElse("");
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
        } finally {
            if (database != null) {
                database.close();
                log.info("embedded PostgreSQL stopped");
            }
        }
    }
}
