package com.ethiq.app.calls;

import com.ethiq.adapter.twilio.TwilioCallControl;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.adapter.twilio.fake.FakeTwilioSettings;
import com.ethiq.app.AppConfig;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.TestStores;
import com.ethiq.app.sim.TwilioCallSimulator;
import com.ethiq.app.sim.TwilioCallSimulator.Account;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import com.ethiq.core.port.CallControl;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Everything a call-path test needs: shared stores (one "database"), a fake Twilio REST API, a scripted recogniser,
 * app instances on port 0 behind a public URL of {@value #PUBLIC_BASE}, and a Twilio simulator pointed at them.
 */
public final class CallPathHarness implements AutoCloseable {
    public static final String PUBLIC_BASE = "https://voice.ethiq.test";
    public static final String MEDIA_SECRET = "test-media-token-secret-0123456789abcdef";

    public final Clock clock = Clock.systemUTC();
    public final TestStores stores;
    public final FakeTwilioApi twilio = FakeTwilioApi.start();
    public final ScriptedSpeechTranscriber speech = new ScriptedSpeechTranscriber(Duration.ofMillis(20), Duration.ZERO);
    private final List<EthiqApp> apps = new ArrayList<>();

    /** On the JVM's embedded PostgreSQL, as in production. */
    public CallPathHarness() {
        this(true);
    }

    public CallPathHarness(boolean postgres) {
        this.stores = postgres ? TestStores.postgres(clock) : TestStores.inMemory(clock);
    }

    /** A tenant of the platform: its account, its number, its people. */
    public record TestTenant(Tenant tenant, Account account, List<PhoneNumber> contacts) {
        public TenantId id() {
            return tenant.id();
        }

        public String number() {
            return tenant.twilioNumber().e164();
        }
    }

    public static Map<String, String> baseEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("ETHIQ_HTTP_HOST", "127.0.0.1");
        env.put("ETHIQ_HTTP_PORT", "0");
        env.put("ETHIQ_PUBLIC_BASE_URL", PUBLIC_BASE);
        env.put("ETHIQ_MEDIA_TOKEN_SECRET", MEDIA_SECRET);
        env.put("ETHIQ_ALERT_DISPATCH_INTERVAL", "PT0.2S");
        env.put("ETHIQ_ALERT_FIRST_BACKOFF", "PT0.2S");
        env.put("ETHIQ_ALERT_MAX_BACKOFF", "PT1S");
        env.put("ETHIQ_SHUTDOWN_GRACE", "PT2S");
        env.put("ETHIQ_NODE_ID", "test-" + ThreadLocalRandom.current().nextInt(1000));
        // Suites share one database and one client address; the daily account quota has its own test (PoolDrainTest).
        env.put("ETHIQ_ACCOUNTS_PER_USER_PER_DAY", "1000000");
        env.put("ETHIQ_ACCOUNTS_PER_ADDRESS_PER_DAY", "1000000");
        return env;
    }

    /** Starts an app instance on the shared stores, calling the fake Twilio API with each tenant's credentials. */
    public EthiqApp startApp() {
        return startApp(Map.of(), cc -> cc);
    }

    public EthiqApp startApp(Map<String, String> extraEnv, Function<CallControl, CallControl> decorate) {
        return startApp(extraEnv, decorate, java.util.function.UnaryOperator.identity(), adapters -> List.of());
    }

    /** As above; {@code adapters} may change the node's adapters (e.g. a store that is slow on one call). */
    public EthiqApp startAppWithAdapters(Map<String, String> extraEnv, Function<CallControl, CallControl> decorate,
                                         java.util.function.UnaryOperator<com.ethiq.app.Adapters.Builder> adapters) {
        return startApp(extraEnv, decorate, adapters, a -> List.of());
    }

    /** Same, with route modules built on the node's adapters (e.g. a dashboard over its live feed). */
    public EthiqApp startApp(Map<String, String> extraEnv, Function<CallControl, CallControl> decorate,
                             Function<com.ethiq.app.Adapters, List<EthiqApp.RouteModule>> modules) {
        return startApp(extraEnv, decorate, java.util.function.UnaryOperator.identity(), modules);
    }

    private EthiqApp startApp(Map<String, String> extraEnv, Function<CallControl, CallControl> decorate,
                              java.util.function.UnaryOperator<com.ethiq.app.Adapters.Builder> changeAdapters,
                              Function<com.ethiq.app.Adapters, List<EthiqApp.RouteModule>> modules) {
        Map<String, String> env = baseEnv();
        env.putAll(extraEnv);
        AppConfig config = AppConfig.from(env);
        CallControl twilioRest = new TwilioCallControl(stores.secrets(),
                FakeTwilioSettings.forFake(twilio, URI.create(PUBLIC_BASE)), clock);
        com.ethiq.app.Adapters adapters = changeAdapters.apply(stores.forNode())
                .callControl(decorate.apply(twilioRest))
                .speechTranscriber(speech)
                .clock(clock)
                .vendor("telephony", "fake Twilio REST").vendor("speech", "scripted")
                .build();
        EthiqApp app = EthiqApp.start(config, adapters, modules.apply(adapters));
        synchronized (apps) {
            apps.add(app);
        }
        return app;
    }

    public TwilioCallSimulator simulator(EthiqApp app) {
        return new TwilioCallSimulator(URI.create("http://127.0.0.1:" + app.port()), URI.create(PUBLIC_BASE));
    }

    /** An active tenant with its own Twilio account, number, SIP phone and emergency contacts. */
    public TestTenant tenant(String name, int contacts) {
        return tenant(name, contacts, AccountStatus.ACTIVE);
    }

    public TestTenant tenant(String name, int contacts, AccountStatus status) {
        TenantId id = TenantId.random();
        PhoneNumber number = randomNumber("+3397");
        Tenant tenant = new Tenant(id, name, status, number,
                SipAddress.of("sip:" + id.value().toString().substring(0, 8) + "@home.sip.twilio.com"),
                TenantSettings.defaults(), Instant.now(clock));
        stores.tenants().create(tenant);
        Account account = Account.random();
        stores.secrets().storeTelephony(id, new TelephonyCredentials(account.accountSid(), Secret.of(account.authToken())));
        twilio.registerAccount(account.accountSid(), account.authToken());
        twilio.addIncomingNumber(account.accountSid(), number.e164());
        List<PhoneNumber> people = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            PhoneNumber phone = randomNumber("+3361");
            stores.contacts().add(new EmergencyContact(UUID.randomUUID(), id, "Contact " + (i + 1), phone, "enfant", Instant.now(clock)));
            people.add(phone);
        }
        return new TestTenant(tenant, account, List.copyOf(people));
    }

    public static PhoneNumber randomNumber(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        while (b.length() < 12) {
            b.append(ThreadLocalRandom.current().nextInt(10));
        }
        return PhoneNumber.of(b.toString());
    }

    /** Polls until {@code condition} holds or {@code timeout} passes; returns whether it held. */
    public static boolean eventually(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        synchronized (apps) {
            apps.forEach(EthiqApp::halt);
        }
        twilio.close();
    }
}
