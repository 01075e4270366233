package com.ethiq.app.load;

import com.ethiq.adapter.supabase.SupabaseStore;
import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.adapter.twilio.TwilioCallControl;
import com.ethiq.adapter.twilio.TwilioSettings;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.adapter.twilio.fake.FakeTwilioSettings;
import com.ethiq.app.Adapters;
import com.ethiq.app.AppConfig;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.RosterTenants;
import com.ethiq.app.VendorWiring;
import com.ethiq.app.sim.TwilioCallSimulator.Account;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.fake.InMemoryAlertOutbox;
import com.ethiq.core.fake.InMemoryAuditTrail;
import com.ethiq.core.fake.InMemoryCallLogs;
import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryTenantSecrets;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.InMemoryUsageLedger;
import com.ethiq.core.fake.RecordingCallControl;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.TenantSecrets;
import com.ethiq.core.port.Tenants;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The server side of a load run: the real app (media endpoint, webhooks, core, alert workers) on the given port with
 * the load plan's tenants, the scripted recogniser, phrase rules, and either in-memory stores or an embedded
 * PostgreSQL with durable settings; telephony through the Twilio adapter to an in-process fake Twilio API (or
 * recorded). Prints {@code READY <port>} when it accepts calls; stops gracefully on SIGTERM.
 *
 * <p>Args: {@code --port 18080 --tenants 50 --store memory|postgres [--db-cpu 1] --telephony fake|recording}
 */
public final class LoadServer {
    private LoadServer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int port = Integer.parseInt(opts.getOrDefault("port", "18080"));
        int tenantCount = Integer.parseInt(opts.getOrDefault("tenants", "50"));
        String storeKind = opts.getOrDefault("store", "memory");
        String telephony = opts.getOrDefault("telephony", "fake");
        Clock clock = Clock.systemUTC();
        URI publicBase = URI.create("http://127.0.0.1:" + port);

        Adapters.Builder b;
        Tenants tenants;
        EmergencyContacts contacts;
        TenantSecrets secrets;
        if (storeKind.equals("postgres")) {
            TestDatabase server = TestDatabase.startDurableForPerf();
            TestDatabase.Database db = server.database();
            pinDatabase(opts.get("db-cpu"), server.port());
            printCommits(db.superuserDataSource(), db.name());
            var appPool = db.newAppPool(20, false);
            SupabaseStore store = SupabaseStore.builder().appDataSource(appPool)
                    .platformDataSource(db.newPlatformPool(6, false)).keyring(TestDatabase.testKeyring())
                    .contextKeys(TestDatabase.CONTEXT_KEYS).clock(clock).build();
            b = VendorWiring.supabase(Adapters.builder(), store, appPool, null).vendor("store", "postgresql (embedded, durable)");
            tenants = store.tenants();
            contacts = store.emergencyContacts();
            secrets = store.tenantSecrets();
        } else {
            RosterTenants t = new RosterTenants(new InMemoryTenants());
            InMemoryEmergencyContacts c = new InMemoryEmergencyContacts();
            InMemoryTenantSecrets s = new InMemoryTenantSecrets(clock);
            b = Adapters.builder().tenants(t).roster(t).emergencyContacts(c).callLogs(new InMemoryCallLogs())
                    .callerReports(reputation(opts, clock))
                    .alertOutbox(new InMemoryAlertOutbox()).usageLedger(new InMemoryUsageLedger())
                    .auditTrail(new InMemoryAuditTrail()).tenantSecrets(s).vendor("store", "in-memory");
            tenants = t;
            contacts = c;
            secrets = s;
        }

        // --twilio-url: a fake Twilio API running elsewhere (the harness runs one on the generator's core, so its CPU
        // is not counted as the server's); --telephony fake: an in-process one; recording: no HTTP at all.
        String twilioUrl = opts.get("twilio-url");
        FakeTwilioApi fake = twilioUrl == null && telephony.equals("fake") ? FakeTwilioApi.start(clock) : null;
        for (int i = 0; i < tenantCount; i++) {
            TenantId id = LoadPlan.tenantId(i);
            PhoneNumber number = LoadPlan.number(i);
            if (tenants.findById(id).isEmpty()) {
                tenants.create(new Tenant(id, "Personne " + i, AccountStatus.ACTIVE, number,
                        SipAddress.of("sip:load" + i + "@home.sip.twilio.com"), TenantSettings.defaults(), clock.instant()));
                for (PhoneNumber contact : LoadPlan.contacts(i)) {
                    contacts.add(new EmergencyContact(UUID.randomUUID(), id, "Proche", contact, "enfant", Instant.now(clock)));
                }
            }
            Account account = LoadPlan.account(i);
            secrets.storeTelephony(id, new TelephonyCredentials(account.accountSid(), Secret.of(account.authToken())));
            if (fake != null) {
                fake.registerAccount(account.accountSid(), account.authToken());
                fake.addIncomingNumber(account.accountSid(), number.e164());
            }
        }
        CallControl callControl;
        if (twilioUrl != null) {
            TwilioSettings settings = TwilioSettings.defaults(URI.create("https://placeholder.invalid")).withRequireTls(false)
                    .withApiBaseUrl(URI.create(twilioUrl)).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))
                    .withPublicBaseUrl(publicBase);
            callControl = new TwilioCallControl(secrets, settings, clock);
            b.vendor("telephony", "Twilio adapter -> fake Twilio API at " + twilioUrl);
        } else if (fake != null) {
            CallControl rest = new TwilioCallControl(secrets, FakeTwilioSettings.forFake(fake, publicBase), clock);
            callControl = callerJoins(rest, fake, secrets);
            b.vendor("telephony", "Twilio adapter -> in-process fake Twilio API");
        } else {
            callControl = new RecordingCallControl(secrets, clock, 1000);
            b.vendor("telephony", "recorded");
        }
        Map<String, String> env = new HashMap<>();
        env.put("ETHIQ_HTTP_HOST", "127.0.0.1");
        env.put("ETHIQ_HTTP_PORT", Integer.toString(port));
        env.put("ETHIQ_PUBLIC_BASE_URL", publicBase.toString());
        env.put("ETHIQ_MEDIA_TOKEN_SECRET", LoadPlan.MEDIA_SECRET);
        env.put("ETHIQ_MEDIA_MAX_SOCKETS", "19000");
        env.put("ETHIQ_MEDIA_MAX_SOCKETS_PER_TENANT", "10000");
        env.put("ETHIQ_MEDIA_IDLE_TIMEOUT", "PT60S");
        env.put("ETHIQ_NODE_ID", "load");
        if (opts.containsKey("reputation")) {
            env.put("ETHIQ_REPUTATION_KEY", REPUTATION_KEY);
        }
        env.putAll(envOverrides());
        EthiqApp app = EthiqApp.start(AppConfig.from(env), b.callControl(callControl)
                .speechTranscriber(new AutoScriptingTranscriber(ScriptedSpeechTranscriber.pacedBySpeech()))
                .clock(clock).vendor("speech", "scripted").build());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            if (fake != null) {
                fake.close();
            }
        }));
        System.out.println("READY " + app.port() + " pid " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.currentThread().join();
    }

    /**
     * Every second, the database's committed and rolled-back transactions so far ({@code pg_stat_database}), as
     * {@code XACT <epoch ms> <commits> <rollbacks>} lines in the server's log, and every 10 s the rows inserted / updated
     * per table so far ({@code TABLES}): the transactions per second of a run and what they write (statistics lag by up
     * to a second; this probe's own reads count one transaction a second). {@code pg_stat_wal} was tried and left out:
     * its write and sync counts stayed at ~5 a second against ~150 write commits, not a count of the commits' flushes.
     */
    private static void printCommits(javax.sql.DataSource superuser, String database) {
        Thread t = new Thread(() -> {
            try (var c = superuser.getConnection();
                 var q = c.prepareStatement("select xact_commit, xact_rollback from pg_stat_database where datname = ?");
                 var tables = c.prepareStatement("select relname, n_tup_ins, n_tup_upd from pg_stat_user_tables"
                         + " where n_tup_ins + n_tup_upd > 0 order by relname")) {
                q.setString(1, database);
                for (long tick = 0; ; tick++) {
                    try (var rs = q.executeQuery()) {
                        if (rs.next()) {
                            System.out.println("XACT " + System.currentTimeMillis() + " " + rs.getLong(1) + " " + rs.getLong(2));
                        }
                    }
                    if (tick % 10 == 0) {
                        // rows inserted / updated per table so far: which writes the commits are
                        StringBuilder line = new StringBuilder("TABLES " + System.currentTimeMillis());
                        try (var rs = tables.executeQuery()) {
                            while (rs.next()) {
                                line.append(' ').append(rs.getString(1)).append('=').append(rs.getLong(2)).append('/').append(rs.getLong(3));
                            }
                        }
                        System.out.println(line);
                    }
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.out.println("XACT probe stopped: " + e);
            }
        }, "xact-probe");
        t.setDaemon(true);
        t.start();
    }

    /**
     * In production the database runs on its own machine; here it would otherwise share the server's core (the
     * postmaster inherits the affinity). {@code --db-cpu 1} moves this run's PostgreSQL onto another core: the
     * postmaster listening on {@code port} (not our descendant: pg_ctl daemonises it) and its current children;
     * backends forked later inherit its new affinity. Other PostgreSQL servers on the machine are left alone.
     */
    private static void pinDatabase(String cpu, int port) throws Exception {
        if (cpu == null) {
            return;
        }
        String listening = run("ss", "-Hltnp", "sport = :" + port);
        java.util.regex.Matcher pid = java.util.regex.Pattern.compile("pid=(\\d+)").matcher(listening);
        if (!pid.find()) {
            throw new IllegalStateException("no process listens on the database port " + port + ": " + listening);
        }
        String postmaster = pid.group(1);
        java.util.List<String> pids = new java.util.ArrayList<>(java.util.List.of(postmaster));
        pids.addAll(java.util.List.of(run("pgrep", "-P", postmaster).trim().split("\\s+")));
        for (String p : pids) {
            if (!p.isEmpty()) {
                run("taskset", "-a", "-cp", cpu, p);
            }
        }
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** The fake keeps conferences by name: a caller "joins" as soon as the protected person is rung in. */
    private static CallControl callerJoins(CallControl rest, FakeTwilioApi fake, TenantSecrets secrets) {
        return new CallControl() {
            @Override
            public DeliveryReceipt sendSms(TenantId tenant, PhoneNumber from, PhoneNumber to, String body, String key) {
                return rest.sendSms(tenant, from, to, body, key);
            }

            @Override
            public DeliveryReceipt announce(TenantId tenant, ConferenceName conference, String message, Language language, String key) {
                return rest.announce(tenant, conference, message, language, key);
            }

            @Override
            public ParticipantReceipt addSipParticipant(TenantId tenant, ConferenceName conference, SipAddress sip, PhoneNumber callerId,
                                                        CallSid caller, java.time.Duration ringTimeout) {
                secrets.telephony(tenant).ifPresent(c -> fake.startConference(c.accountSid(), conference.value()));
                return rest.addSipParticipant(tenant, conference, sip, callerId, caller, ringTimeout);
            }

            @Override
            public void divert(TenantId tenant, CallSid caller, Diversion diversion) {
                rest.divert(tenant, caller, diversion);
            }

            @Override
            public void cancelLeg(TenantId tenant, CallSid leg) {
                rest.cancelLeg(tenant, leg);
            }

            @Override
            public void hangUp(TenantId tenant, CallSid callSid) {
                rest.hangUp(tenant, callSid);
            }
        };
    }

    /** Any ETHIQ_ variable of the environment also applies (e.g. ETHIQ_MEDIA_BATCH_FRAMES for a comparison). */
    private static final String REPUTATION_KEY = "load-harness-reputation-key-0123456789abcdef";

    /**
     * {@code --reputation N}: the shared reputation on, with every {@link LoadPlan#REPORTED_EVERY}-th of the first N
     * callers of {@link LoadPlan#caller} reported by 3 accounts (fingerprints under the key the app is given); null
     * without the option (no reputation, as before).
     */
    private static com.ethiq.core.port.CallerReports reputation(Map<String, String> opts, Clock clock) {
        if (!opts.containsKey("reputation")) {
            return null;
        }
        var reports = new com.ethiq.core.fake.InMemoryCallerReports();
        var fingerprints = new com.ethiq.core.caller.CallerFingerprints(REPUTATION_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int n = Integer.parseInt(opts.get("reputation"));
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        for (int i = 0; i < n; i += LoadPlan.REPORTED_EVERY) {
            String fingerprint = fingerprints.of(PhoneNumber.of(LoadPlan.caller(i)));
            for (int a = 0; a < 3; a++) {
                reports.report(new com.ethiq.core.port.CallerReports.Report(TenantId.random(),
                        com.ethiq.core.domain.CallSid.of("CArep" + i + "x" + a), fingerprint,
                        com.ethiq.core.detection.ScamCategory.FAKE_BANK_ADVISER, today, clock.instant()));
            }
        }
        return reports;
    }

    private static Map<String, String> envOverrides() {
        Map<String, String> out = new HashMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("ETHIQ_")) {
                out.put(k, v);
            }
        });
        return out;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }
}
