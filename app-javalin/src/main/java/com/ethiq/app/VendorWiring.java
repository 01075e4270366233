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
import com.ethiq.adapter.supabase.identity.IdentityStore;
import com.ethiq.adapter.openai.OpenAiScamAnalyzer;
import com.ethiq.app.config.DatabaseSettings;
import com.ethiq.app.config.VendorMode;
import com.ethiq.adapter.twilio.SmsSending;
import com.ethiq.adapter.twilio.TwilioCallControl;
import com.ethiq.adapter.twilio.TwilioSettings;
import com.ethiq.core.fake.RecordingCallControl;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import com.ethiq.core.fake.SharedScriptTranscriber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.TenantSecrets;
import java.time.Clock;
import javax.sql.DataSource;
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
        switch (config.telephony().mode()) {
            case REAL -> {
                // TLS decided first: an http public URL (a tunnel, the plain-http Twilio fake) must not be refused
                TwilioSettings settings = TwilioSettings.defaults(config.transport().publicBaseUrl(),
                                config.transport().production() || TwilioSettings.bothHttps(config.transport().publicBaseUrl(),
                                        config.telephony().apiBaseUrl()))
                        .withApiBaseUrl(config.telephony().apiBaseUrl())
                        .withRegion(config.telephony().region().orElse(null));
                SmsSending.PerAccount sms = new AccountSmsSending(b.accountTelephony(), config.telephony().smsSending());
                b.callControl(new TwilioCallControl(secrets, settings, sms, clock)).vendor("telephony", "twilio");
            }
            default -> {
                RecordingCallControl recording = new RecordingCallControl(secrets, clock);
                b.callControl(recording).vendor("telephony", "simulated (recorded, nothing is sent)");
            }
        }
        switch (config.speech().mode()) {
            case REAL -> {
                GoogleSpeechTranscriber google = new GoogleSpeechTranscriber(GoogleSpeechSettings.builder().build(), secrets, clock);
                b.speechTranscriber(google).closing(google).vendor("speech", "google");
            }
            default -> {
                // the scripts live in the node's store, so every node of a cluster hears a simulated call alike; each
                // line starts where its speech starts, so the speech gate changes nothing in what it hears
                SharedScriptTranscriber scripted = new SharedScriptTranscriber(ScriptedSpeechTranscriber.pacedBySpeech(), b.speechScripts());
                b.speechTranscriber(scripted).closing(scripted).vendor("speech", "simulated (scripted)");
            }
        }
        if (config.ai().mode() == VendorMode.REAL) {
            var ai = OpenAiScamAnalyzer.builder(config.ai().openAi()).tenantSecrets(secrets).clock(clock).build();
            b.scamAnalyzer(ai).vendor("ai", "openai");
        } else {
            b.vendor("ai", "none (phrase rules decide alone)");
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
        if (!config.transport().production()) {
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

    /** The one store set of the node: PostgreSQL when configured, else in memory. Returns the tenant secrets. */
    private static TenantSecrets stores(AppConfig config, Clock clock, Adapters.Builder b) {
        if (config.database().configured()) {
            return postgres(config.database(), config.onboarding().numberQuarantine(),
                    config.onboarding().poolReassignment(), clock, b);
        }
        InMemoryStores memory = InMemoryStores.create(clock);
        memory.into(b);
        return memory.secrets();
    }

    /**
     * PostgreSQL through {@code adapter-supabase}: an app-role pool for tenant traffic (the call path and the
     * management API alike), a small platform-role pool for the cross-tenant jobs (alert delivery, retention), a
     * dedicated connection listening for tenant changes, and migrations at startup when a migration login is
     * configured. The only place a node opens pools.
     */
    private static TenantSecrets postgres(DatabaseSettings db, java.time.Duration quarantine,
                                          com.ethiq.core.management.onboarding.PoolReassignment reassignment, Clock clock, Adapters.Builder b) {
        db.migrationUser().ifPresent(login -> {
            javax.sql.DataSource migrationLogin = ConnectionPools.direct(db.jdbcUrl(), login, db.migrationPasswordText());
            int applied = new DatabaseMigrator(DatabaseRoles.DEFAULT).migrate(migrationLogin);
            // the keys the database checks tenant contexts against (V51), derived from the secrets keyring
            com.ethiq.adapter.supabase.ContextKeys.derive(Keyring.parse(db.secretKeys().orElseThrow().reveal(),
                    db.secretActiveKey().orElseThrow())).install(migrationLogin, DatabaseRoles.DEFAULT);
            log.info("database migrations: {} applied", applied);
        });
        PooledDataSource app = ConnectionPools.create(PoolSettings.of(db.jdbcUrl(), db.user(), db.passwordText())
                .withPoolName("ethiq-app").withMaximumPoolSize(db.poolSize()).withTransactionPooler(db.transactionPooler()));
        b.closing(app);
        PooledDataSource platform = ConnectionPools.create(PoolSettings.of(db.jdbcUrl(), db.platformUser(),
                        db.platformPasswordText()).withPoolName("ethiq-platform")
                .withMaximumPoolSize(DatabaseSettings.PLATFORM_POOL_SIZE).withTransactionPooler(db.transactionPooler()));
        b.closing(platform);
        SupabaseStore store = SupabaseStore.builder().appDataSource(app).platformDataSource(platform)
                .keyring(Keyring.parse(db.secretKeys().orElseThrow().reveal(), db.secretActiveKey().orElseThrow()))
                .clock(clock).numberQuarantine(quarantine).poolReassignment(reassignment).build();
        TenantChangeListener listener = new TenantChangeListener(ConnectionPools.direct(db.listenJdbcUrl(),
                db.user(), db.passwordText())).start();
        b.closing(listener);
        supabase(b, store, app, listener);
        b.vendor("store", "postgresql");
        return store.tenantSecrets();
    }

    /**
     * Plugs a {@link SupabaseStore} into the adapters: the call path's ports, the management side's stores over the
     * same store and app-role pool ({@code appDataSource}), the state the nodes share through it (AI budgets, the
     * simulator's scripts), and its change listener, if any, which also carries the live call events between nodes and
     * the simulator's notices of new lines.
     */
    public static Adapters.Builder supabase(Adapters.Builder b, SupabaseStore store, DataSource appDataSource,
                                            TenantChangeListener listener) {
        IdentityStore identity = new IdentityStore(store, appDataSource);
        b.tenants(store.tenants()).emergencyContacts(store.emergencyContacts()).knownCallers(store.knownCallers()).callerReports(store.callerReports())
                .announcements(store.announcements()).accountTelephony(store.accountTelephony())
                .familyLinks(store.familyLinks())
                .institutionDirectories(store.institutionDirectories())
                .callLogs(store.callLogs())
                .alertOutbox(store.alertOutbox()).alertOutcomes(store.alertOutcomes()).usageLedger(store.usageLedger()).auditTrail(store.auditTrail())
                .tenantSecrets(store.tenantSecrets())
                .identityStores(new IdentityStores(identity.users(), identity.memberships(), identity.refreshTokens(),
                        identity.twoFactorSecrets(), identity.invitations(), identity.attemptCounters(),
                        identity.auditChain(), store.numberPool(), identity.tenantEraser()))
                .retention(store.transcriptPurge())
                .aiBudgetLedger(store.aiBudgetLedger()).speechScripts(store.speechScripts())
                .callLeases(store.callLeases());
        if (listener != null) {
            // live call events reach the dashboards of every node through the same LISTEN connection
            PostgresClusterEvents events = new PostgresClusterEvents(store.notifications(), listener);
            b.clusterEvents(events).closing(events);
            // and a line /sim/speech scripts through one node wakes the call's stream on another at once
            b.speechScripts(new ClusterSpeechScripts(store.speechScripts(), events));
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
