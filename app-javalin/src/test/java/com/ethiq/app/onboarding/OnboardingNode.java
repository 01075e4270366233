package com.ethiq.app.onboarding;

import com.ethiq.adapter.supabase.SupabaseStore;
import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.adapter.twilio.TwilioCallControl;
import com.ethiq.adapter.twilio.TwilioTelephonyNumbers;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.adapter.twilio.fake.FakeTwilioSettings;
import com.ethiq.app.Adapters;
import com.ethiq.app.AppConfig;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.VendorWiring;
import com.ethiq.app.api.ApiSettings;
import com.ethiq.app.calls.CallPathHarness;
import com.ethiq.app.security.JwtSettings;
import com.ethiq.app.web.ManagementModule;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.fake.InsecureFastPasswordHasher;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import com.ethiq.core.management.identity.EmailAddress;
import com.ethiq.core.management.identity.IdentitySettings;
import com.ethiq.core.management.identity.PasswordHasher;
import com.ethiq.core.management.identity.User;
import com.ethiq.core.management.identity.UserId;
import com.ethiq.core.port.TenantSecrets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real node for the onboarding tests: {@link EthiqApp} on port 0 with the management module over a fresh embedded
 * PostgreSQL database (so the pool holds only this suite's numbers), Twilio REST (call control and number
 * management) on a {@link FakeTwilioApi} owning the platform account, and a hand-moved clock. Public URL
 * {@value CallPathHarness#PUBLIC_BASE}.
 */
final class OnboardingNode implements AutoCloseable {
    static final String PLATFORM_SID = "AC" + "7".repeat(32);
    static final String PLATFORM_TOKEN = "platform-auth-token-0123456789";
    static final String PASSWORD = "correct horse battery staple";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQ = new AtomicInteger();

    final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
    final FakeTwilioApi twilio = FakeTwilioApi.start();
    final TestDatabase.Database db = TestDatabase.shared().freshDatabase();
    final SupabaseStore store;
    final ManagementModule management;
    final EthiqApp app;
    final String base;
    private final PasswordHasher hasher = new InsecureFastPasswordHasher();
    private final String passwordHash = hasher.hash(PASSWORD);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code env}: extra variables over the call-path base environment (e.g. the quarantine). */
    OnboardingNode(Map<String, String> env) {
        twilio.registerAccount(PLATFORM_SID, PLATFORM_TOKEN);
        Map<String, String> all = new HashMap<>(CallPathHarness.baseEnv());
        all.put("ETHIQ_TELEPHONY", "twilio");
        all.put("ETHIQ_TWILIO_PLATFORM_ACCOUNT_SID", PLATFORM_SID);
        all.put("ETHIQ_TWILIO_PLATFORM_AUTH_TOKEN", PLATFORM_TOKEN);
        all.put("ETHIQ_NUMBER_RETRY_INTERVAL", "PT1H"); // the tests run the passes themselves
        all.put("ETHIQ_NUMBER_RECONCILE_INTERVAL", "PT1H");
        all.putAll(env);
        AppConfig config = AppConfig.from(all);
        store = db.storeBuilder().clock(clock).numberQuarantine(config.onboarding().numberQuarantine()).build();
        // exactly what VendorWiring does for ETHIQ_TELEPHONY=twilio, with the fake's plain-http settings
        TenantSecrets secrets = PlatformAccountSecrets.forConfig(config, store.tenantSecrets());
        Adapters adapters = VendorWiring.supabase(Adapters.builder(), store, db.appDataSource(), null)
                .tenantSecrets(secrets)
                .callControl(new TwilioCallControl(secrets, FakeTwilioSettings.forFake(twilio, URI.create(CallPathHarness.PUBLIC_BASE)), clock))
                .speechTranscriber(new ScriptedSpeechTranscriber(Duration.ofMillis(20), Duration.ZERO))
                .clock(clock).vendor("telephony", "fake Twilio REST").build();
        TelephonyCredentials platform = Onboarding.platformAccount(config).orElseThrow();
        Onboarding onboarding = Onboarding.create(config, new TwilioTelephonyNumbers(
                        FakeTwilioSettings.forFake(twilio, URI.create(CallPathHarness.PUBLIC_BASE)), clock, null, null),
                platform, store.numberPool(), adapters.tenants(), secrets, adapters.audit(), clock);
        management = new ManagementModule(adapters, new JwtSettings("https://ethiq.test", "k1",
                Map.of("k1", Base64.getDecoder().decode("q83vEjRWeJq8ZHhbfEe/8KJl8oKw3Tq1mNn4hY1kXx8=")), Duration.ofMinutes(10),
                Duration.ofSeconds(30)), hasher, clock, ApiSettings.DEFAULT.withAuthRequestsPerMinutePerIp(100_000),
                Optional.of(onboarding), IdentitySettings.DEFAULT.withNumberQuarantine(config.onboarding().numberQuarantine()),
                config.onboarding().numberQuota());
        app = EthiqApp.start(config, adapters, List.of(management));
        base = "http://127.0.0.1:" + app.port();
    }

    Onboarding onboarding() {
        return management.onboarding().orElseThrow();
    }

    /**
     * A user stored directly, password {@link #PASSWORD}. Operators are made as in production: the role is granted
     * out of band by the database owner (here the superuser), never through the app.
     */
    User newUser(boolean operator) {
        int n = SEQ.incrementAndGet();
        User u = new User(new UserId(UUID.randomUUID()), EmailAddress.of("onb" + n + "-" + UUID.randomUUID().toString().substring(0, 6)
                + "@example.org"), "User " + n, passwordHash, false, false, clock.instant().truncatedTo(ChronoUnit.SECONDS),
                clock.instant());
        management.stores().users().create(u);
        if (operator) {
            try (java.sql.Connection c = db.superuserDataSource().getConnection();
                 java.sql.PreparedStatement st = c.prepareStatement("update ethiq.users set is_operator = true where id = ?")) {
                st.setObject(1, u.id().value());
                st.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot grant the operator role", e);
            }
        }
        return u;
    }

    /** Logs in over HTTP; returns the access token. */
    String login(User u) {
        Response r = call("POST", "/api/auth/login", null, json("email", u.email().value(), "password", PASSWORD));
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r);
        }
        return r.json().get("tokens").get("accessToken").asText();
    }

    Response call(String method, String path, String bearer, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).header("User-Agent", "JUnit");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(b.build());
    }

    /** A Twilio-style form webhook, signed with {@code token} over the public URL (or unsigned when null). */
    Response webhook(String path, Map<String, String> form, String signature) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (signature != null) {
            b.header("X-Twilio-Signature", signature);
        }
        return send(b.build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        }
    }

    record Response(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    static String json(Object... keyValues) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
        }
        return node.toString();
    }

    static Secret platformToken() {
        return Secret.of(PLATFORM_TOKEN);
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            twilio.close();
            db.close();
        }
    }
}
