package com.ethiq.app;

import com.ethiq.adapter.speech.GoogleSpeechSettings;
import com.ethiq.adapter.speech.GoogleSpeechTranscriber;
import com.ethiq.adapter.supabase.ConnectionPools;
import com.ethiq.adapter.supabase.DatabaseMigrator;
import com.ethiq.adapter.supabase.DatabaseRoles;
import com.ethiq.adapter.supabase.Keyring;
import com.ethiq.adapter.supabase.PoolSettings;
import com.ethiq.adapter.supabase.PooledDataSource;
import com.ethiq.adapter.supabase.SupabaseStore;
import com.ethiq.adapter.supabase.TenantChangeCallback;
import com.ethiq.adapter.supabase.TenantChangeListener;
import com.ethiq.adapter.twilio.TwilioCallControl;
import com.ethiq.adapter.twilio.TwilioSettings;
import com.ethiq.core.fake.InMemoryAlertOutbox;
import com.ethiq.core.fake.InMemoryAuditTrail;
import com.ethiq.core.fake.InMemoryCallLogs;
import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryTenantSecrets;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.InMemoryUsageLedger;
import com.ethiq.core.fake.RecordingCallControl;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.TenantSecrets;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, from configuration alone, which implementation backs each port: real vendors (Twilio, Google Speech,
 * PostgreSQL) or simulated ones (recorded telephony, scripted speech, in-memory stores). Simulated choices are logged
 * loudly: nothing reaches a phone in that mode.
 */
public final class VendorWiring {
    private static final Logger log = LoggerFactory.getLogger(VendorWiring.class);

    private VendorWiring() {
    }

    public static Adapters fromConfig(AppConfig config, Clock clock) {
        Adapters.Builder b = Adapters.builder().clock(clock);
        // a tenant without its own Twilio subaccount uses the platform account that owns its pool number
        // ...and keeps the last credentials read, so alerts still leave while the database is unavailable
        TenantSecrets secrets = new com.ethiq.app.calls.LastKnownTenantSecrets(
                com.ethiq.app.onboarding.PlatformAccountSecrets.forConfig(config, stores(config, clock, b)));
        b.tenantSecrets(secrets);
        switch (config.telephony()) {
            case REAL -> {
                // TLS decided first: an http public URL (a tunnel, the plain-http Twilio fake) must not be refused
                TwilioSettings settings = TwilioSettings.defaults(config.publicBaseUrl(),
                                config.production() || TwilioSettings.bothHttps(config.publicBaseUrl(), config.twilioApiBaseUrl()))
                        .withApiBaseUrl(config.twilioApiBaseUrl());
                b.callControl(new TwilioCallControl(secrets, settings, clock)).vendor("telephony", "twilio");
            }
            default -> {
                RecordingCallControl recording = new RecordingCallControl(secrets, clock);
                b.callControl(recording).vendor("telephony", "simulated (recorded, nothing is sent)");
            }
        }
        switch (config.speech()) {
            case REAL -> {
                GoogleSpeechTranscriber google = new GoogleSpeechTranscriber(GoogleSpeechSettings.builder().build(), secrets, clock);
                b.speechTranscriber(google).closing(google).vendor("speech", "google");
            }
            default -> b.speechTranscriber(new ScriptedSpeechTranscriber()).vendor("speech", "simulated (scripted)");
        }
        switch (config.ai()) {
            case NONE -> b.vendor("ai", "none (phrase rules decide alone)");
            case REAL -> {
                // OPENAI_API_KEY, OPENAI_BASE_URL and the ETHIQ_AI_* tuning variables (docs/ai-analysis.md).
                var ai = com.ethiq.adapter.openai.OpenAiScamAnalyzer.builder(
                                com.ethiq.adapter.openai.OpenAiSettings.fromEnvironment(System.getenv()))
                        .tenantSecrets(secrets).clock(clock).build();
                b.scamAnalyzer(ai).vendor("ai", "openai");
            }
            default -> throw new IllegalStateException("'ETHIQ_AI' = " + config.ai().name().toLowerCase(java.util.Locale.ROOT)
                    + " is not available in this build yet: use 'none'");
        }
        Adapters adapters = b.build();
        refuseSimulatedInProduction(config, adapters);
        adapters.vendors().forEach((port, impl) -> {
            if (impl.startsWith("simulated") || impl.startsWith("in-memory")) {
                log.warn("*** {} is {} ***", port, impl);
            } else {
                log.info("{}: {}", port, impl);
            }
        });
        return adapters;
    }

    /**
     * ETHIQ_MODE=production protects real people: a simulated vendor sends nothing, an in-memory store forgets every
     * alert at restart. Such a node must not start at all (a warning in a log is not read in time).
     */
    static void refuseSimulatedInProduction(AppConfig config, Adapters adapters) {
        if (!config.production()) {
            return;
        }
        List<String> unsafe = adapters.vendors().entrySet().stream()
                .filter(e -> e.getValue().startsWith("simulated") || e.getValue().startsWith("in-memory"))
                .map(e -> e.getKey() + " is " + e.getValue())
                .sorted()
                .toList();
        if (!unsafe.isEmpty()) {
            adapters.close();
            throw new IllegalStateException("ETHIQ_MODE=production refuses to start: " + String.join("; ", unsafe)
                    + ". Configure the real vendors (ETHIQ_TELEPHONY=twilio, ETHIQ_SPEECH=google, ETHIQ_DATABASE_URL, "
                    + "ETHIQ_AI=openai or none) or use ETHIQ_MODE=development.");
        }
    }

    private static TenantSecrets stores(AppConfig config, Clock clock, Adapters.Builder b) {
        if (!config.databaseUrl().isEmpty()) {
            return postgres(config, clock, b);
        }
        RosterTenants tenants = new RosterTenants(new InMemoryTenants());
        InMemoryTenantSecrets secrets = new InMemoryTenantSecrets(clock);
        b.tenants(tenants).roster(tenants)
                .emergencyContacts(new InMemoryEmergencyContacts())
                .callLogs(new InMemoryCallLogs())
                .alertOutbox(new InMemoryAlertOutbox())
                .usageLedger(new InMemoryUsageLedger())
                .auditTrail(new InMemoryAuditTrail())
                .tenantSecrets(secrets)
                .vendor("store", "in-memory (nothing survives a restart)");
        return secrets;
    }

    /**
     * PostgreSQL through {@code adapter-supabase}: an app-role pool for tenant traffic, a small platform-role pool for
     * the cross-tenant jobs (alert delivery, retention), a dedicated connection listening for tenant changes, and
     * migrations at startup when a migration login is configured.
     */
    private static TenantSecrets postgres(AppConfig config, Clock clock, Adapters.Builder b) {
        if (!config.databaseMigrationUser().isEmpty()) {
            int applied = new DatabaseMigrator(DatabaseRoles.DEFAULT).migrate(ConnectionPools.direct(config.databaseUrl(),
                    config.databaseMigrationUser(), config.databaseMigrationPassword()));
            log.info("database migrations: {} applied", applied);
        }
        PooledDataSource app = ConnectionPools.create(PoolSettings.of(config.databaseUrl(), config.databaseUser(),
                        config.databasePassword()).withPoolName("ethiq-app").withMaximumPoolSize(config.databasePoolSize())
                .withTransactionPooler(config.databaseTransactionPooler()));
        b.closing(app);
        PooledDataSource platform = ConnectionPools.create(PoolSettings.of(config.databaseUrl(), config.databasePlatformUser(),
                        config.databasePlatformPassword()).withPoolName("ethiq-platform").withMaximumPoolSize(4)
                .withTransactionPooler(config.databaseTransactionPooler()));
        b.closing(platform);
        SupabaseStore store = SupabaseStore.builder().appDataSource(app).platformDataSource(platform)
                .keyring(Keyring.parse(config.secretKeys(), config.secretActiveKey())).clock(clock)
                .numberQuarantine(config.numberQuarantine()).build();
        TenantChangeListener listener = new TenantChangeListener(ConnectionPools.direct(config.databaseListenUrl(),
                config.databaseUser(), config.databasePassword())).start();
        b.closing(listener);
        supabase(b, store, listener);
        b.vendor("store", "postgresql");
        return store.tenantSecrets();
    }

    /** Plugs a {@link SupabaseStore} (and its change listener, if any) into the adapters. */
    public static Adapters.Builder supabase(Adapters.Builder b, SupabaseStore store, TenantChangeListener listener) {
        b.tenants(store.tenants()).emergencyContacts(store.emergencyContacts()).callLogs(store.callLogs())
                .alertOutbox(store.alertOutbox()).usageLedger(store.usageLedger()).auditTrail(store.auditTrail())
                .tenantSecrets(store.tenantSecrets())
                .retention(store.transcriptPurge());
        if (listener != null) {
            b.tenantChanges((changed, resync) -> listener.addCallback(new TenantChangeCallback() {
                @Override
                public void tenantChanged(TenantId tenant) {
                    changed.accept(tenant);
                }

                @Override
                public void resync() {
                    resync.run();
                }
            }));
        }
        return b;
    }
}
