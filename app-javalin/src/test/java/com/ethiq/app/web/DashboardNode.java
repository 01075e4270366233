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

    DashboardNode(Duration perWord) {
        Clock clock = Clock.systemUTC();
        InMemoryStores stores = InMemoryStores.create(clock);
        contacts = stores.contacts();
        InMemoryTenantSecrets secrets = stores.secrets();
        RosterTenants tenants = stores.tenants();
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
        dashboard = new Dashboard(new LiveFeed(clock), management.viewers(), Set.of(), Duration.ofMillis(200));
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

    @Override
    public void close() {
        app.stop();
    }
}
