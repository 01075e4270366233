package com.ethiq.app.sim;

import com.ethiq.app.Adapters;
import com.ethiq.app.AppConfig;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.RosterTenants;
import com.ethiq.app.demo.DemoSeeder;
import com.ethiq.app.demo.DemoTenant;
import com.ethiq.core.fake.InMemoryAlertOutbox;
import com.ethiq.core.fake.InMemoryAuditTrail;
import com.ethiq.core.fake.InMemoryCallLogs;
import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryTenantSecrets;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.InMemoryUsageLedger;
import com.ethiq.core.fake.RecordingCallControl;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** A node on port 0 with in-memory stores, recorded telephony and a fast scripted recogniser, plus the demo tenant. */
final class SimulatedNode implements AutoCloseable {
    final EthiqApp app;
    final DemoTenant demo;
    final RecordingCallControl telephony;
    final ScriptedSpeechTranscriber speech;
    final RosterTenants tenants;
    final InMemoryUsageLedger usage = new InMemoryUsageLedger();
    final InMemoryCallLogs callLogs = new InMemoryCallLogs();

    SimulatedNode(Duration perWord, List<EthiqApp.RouteModule> extra) {
        this(perWord, extra, Map.of());
    }

    /** @param env extra configuration (e.g. a metrics token) */
    SimulatedNode(Duration perWord, List<EthiqApp.RouteModule> extra, Map<String, String> env) {
        this(new ScriptedSpeechTranscriber(perWord, Duration.ZERO), extra, env);
    }

    /** With this recogniser (e.g. {@link ScriptedSpeechTranscriber#pacedBySpeech()}, the simulated mode's). */
    SimulatedNode(ScriptedSpeechTranscriber speech, List<EthiqApp.RouteModule> extra, Map<String, String> env) {
        Clock clock = Clock.systemUTC();
        InMemoryTenantSecrets secrets = new InMemoryTenantSecrets(clock);
        tenants = new RosterTenants(new InMemoryTenants());
        InMemoryEmergencyContacts contacts = new InMemoryEmergencyContacts();
        telephony = new RecordingCallControl(secrets, clock);
        this.speech = speech;
        Adapters adapters = Adapters.builder().clock(clock)
                .tenants(tenants).roster(tenants).emergencyContacts(contacts)
                .callLogs(callLogs).alertOutbox(new InMemoryAlertOutbox())
                .usageLedger(usage).auditTrail(new InMemoryAuditTrail())
                .tenantSecrets(secrets).callControl(telephony).speechTranscriber(speech)
                .build();
        demo = new DemoSeeder(tenants, contacts, secrets, clock).seed();
        AtomicReference<EthiqApp> ref = new AtomicReference<>();
        List<EthiqApp.RouteModule> modules = new ArrayList<>(extra);
        modules.add(new SimulatorRoutes(speech, () -> ref.get().publicBaseUrl()));
        Map<String, String> all = new java.util.HashMap<>(Map.of("ETHIQ_HTTP_PORT", "0", "ETHIQ_HTTP_HOST", "127.0.0.1",
                "ETHIQ_SHUTDOWN_GRACE", "PT2S"));
        all.putAll(env);
        AppConfig config = AppConfig.from(all);
        app = EthiqApp.start(config, adapters, modules);
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
