package com.ethiq.app.web;

import com.ethiq.app.Adapters;
import com.ethiq.app.AppConfig;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.InMemoryStores;
import com.ethiq.app.RosterTenants;
import com.ethiq.app.api.ApiSettings;
import com.ethiq.app.demo.DemoSeeder;
import com.ethiq.app.demo.DemoTenant;
import com.ethiq.app.security.Argon2idPasswordHasher;
import com.ethiq.app.security.JwtSettings;
import com.ethiq.app.sim.CallSimulator;
import com.ethiq.app.sim.SimulatorRoutes;
import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryTenantSecrets;
import com.ethiq.core.fake.RecordingCallControl;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A whole node as the embedded default builds it — call path, management API, dashboard, live feed, simulator
 * endpoints, demo account and login — over in-memory stores, on port 0.
 */
final class DashboardNode implements AutoCloseable {
    static final String PASSWORD = "demo-test-pass-word";
    final EthiqApp app;
    final DemoTenant demo;
    final ManagementModule management;
    final Dashboard dashboard;
    final Readiness readiness = new Readiness();
    final InMemoryEmergencyContacts contacts;
    final RecordingCallControl telephony;
    final LiveFeed feed;
    final RosterTenants tenants;

    DashboardNode(Duration perWord) {
        Clock clock = Clock.systemUTC();
        InMemoryStores stores = InMemoryStores.create(clock);
        contacts = stores.contacts();
        InMemoryTenantSecrets secrets = stores.secrets();
        tenants = stores.tenants();
        telephony = new RecordingCallControl(secrets, clock);
        ScriptedSpeechTranscriber speech = new ScriptedSpeechTranscriber(perWord, Duration.ZERO);
        Adapters adapters = stores.into(Adapters.builder().clock(clock))
                .callControl(telephony).speechTranscriber(speech)
                .vendor("telephony", "simulated").vendor("speech", "simulated")
                .build();
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(2, Duration.ofSeconds(10));
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        management = new ManagementModule(adapters,
                JwtSettings.of("ethiq-test", Base64.getEncoder().encodeToString(key)), hasher, clock,
                ApiSettings.DEFAULT.withAuthRequestsPerMinutePerIp(10_000));
        DemoSeeder seeder = new DemoSeeder(tenants, contacts, secrets, clock);
        demo = seeder.seedLogin(seeder.seed(), management.stores().users(), management.stores().memberships(), hasher, PASSWORD);
        // open streams are re-authorised every 200 ms here (5 s in production) so revocation tests run fast
        feed = new LiveFeed(clock);
        dashboard = new Dashboard(feed, management.viewers(), Set.of(), Duration.ofMillis(200));
        AtomicReference<EthiqApp> ref = new AtomicReference<>();
        List<EthiqApp.RouteModule> modules = new ArrayList<>();
        modules.add(new SimulatorRoutes(speech, () -> ref.get().publicBaseUrl()));
        modules.add(management);
        modules.add(dashboard);
        modules.add(readiness);
        app = EthiqApp.start(AppConfig.from(Map.of("ETHIQ_HTTP_PORT", "0", "ETHIQ_HTTP_HOST", "127.0.0.1",
                "ETHIQ_SHUTDOWN_GRACE", "PT2S")), adapters, modules);
        ref.set(app);
    }

    URI baseUrl() {
        return URI.create("http://localhost:" + app.port());
    }

    CallSimulator.Target target() {
        return new CallSimulator.Target(baseUrl(), demo.accountSid(), demo.authToken(), demo.number(), demo.callerNumber());
    }

    /** A new user with the demo password, member of the demo account with this role (as the API would make them). */
    com.ethiq.core.management.identity.User addMember(String email, String displayName, com.ethiq.core.management.identity.Role role) {
        var users = management.stores().users();
        var hash = users.findByEmail(com.ethiq.core.management.identity.EmailAddress.of(demo.loginEmail())).orElseThrow().passwordHash();
        var user = com.ethiq.core.management.identity.User.signUp(new com.ethiq.core.management.identity.UserId(java.util.UUID.randomUUID()),
                com.ethiq.core.management.identity.EmailAddress.of(email), displayName, hash,
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        users.create(user);
        management.stores().memberships().add(new com.ethiq.core.management.identity.Membership(demo.id(), user.id(), role, java.time.Instant.now()));
        return user;
    }

    /** Waits until a call of the demo account is live (its "call" event), so a test can log in during it. */
    String awaitLiveCall(Duration timeout) throws InterruptedException {
        var seen = new java.util.concurrent.ArrayBlockingQueue<String>(8);
        LiveFeed.Subscriber s = (name, e) -> {
            if ("call".equals(name) && "live".equals(e.get("state"))) {
                seen.offer((String) e.get("callSid"));
            }
        };
        feed.subscribe(Set.of(demo.id()), s);
        try {
            String sid = seen.poll(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (sid == null) {
                throw new IllegalStateException("no call went live within " + timeout);
            }
            return sid;
        } finally {
            feed.unsubscribe(s);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
