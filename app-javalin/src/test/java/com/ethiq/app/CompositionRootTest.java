package com.ethiq.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.app.api.ApiSettings;
import com.ethiq.app.demo.DemoSeeder;
import com.ethiq.app.demo.DemoTenant;
import com.ethiq.app.security.JwtSettings;
import com.ethiq.app.web.ManagementModule;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.fake.InsecureFastPasswordHasher;
import com.ethiq.core.usecase.IncomingCall;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * One composition root: the node's stores are built once ({@link VendorWiring}) and the call path and the management
 * API both use that one set — the same audit trail in memory, the same pools in PostgreSQL.
 */
class CompositionRootTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery staple";
    private static final JwtSettings JWT = JwtSettings.of("ethiq-test",
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes()));

    @Test
    void withInMemoryStoresACallPathAuditEventIsListedByTheManagementApi() throws Exception {
        Clock clock = Clock.systemUTC();
        AppConfig config = AppConfig.from(Map.of("ETHIQ_HTTP_PORT", "0", "ETHIQ_HTTP_HOST", "127.0.0.1",
                "ETHIQ_SHUTDOWN_GRACE", "PT1S"));
        Adapters adapters = VendorWiring.fromConfig(config, clock);
        InsecureFastPasswordHasher hasher = new InsecureFastPasswordHasher();
        ManagementModule management = ManagementModule.forConfig(config, adapters, JWT, hasher, clock,
                ApiSettings.DEFAULT.withAuthRequestsPerMinutePerIp(10_000));
        DemoSeeder seeder = new DemoSeeder(adapters.tenants(), adapters.contacts(), adapters.secrets(), clock);
        DemoTenant demo = seeder.seedLogin(seeder.seed(), management.stores().users(), management.stores().memberships(),
                hasher, PASSWORD);
        EthiqApp app = EthiqApp.start(config, adapters, List.of(management));
        try {
            // the call path audits its decision...
            CallSid sid = CallSid.of("CA" + "1f".repeat(16));
            PhoneNumber number = PhoneNumber.of(demo.number());
            var calls = app.assembly().core().incomingCalls();
            calls.decide(new IncomingCall(sid, DemoSeeder.DEMO_CALLER, number), calls.resolve(number));

            // ...and the account's owner reads it through the management API
            String base = "http://127.0.0.1:" + app.port() + "/api";
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + demo.loginEmail() + "\",\"password\":\""
                            + PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            String token = JSON.readTree(login.body()).path("tokens").path("accessToken").asText();
            HttpResponse<String> audit = http.send(HttpRequest.newBuilder(URI.create(base + "/accounts/" + demo.id().value() + "/audit"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
            JsonNode page = JSON.readTree(audit.body());
            assertThat(page.toString()).contains("call.protected").contains(sid.value());
        } finally {
            app.stop();
        }
    }

    @Test
    void withPostgresqlTheManagementApiUsesTheCallPathsPoolsAndNoOthers() throws Exception {
        TestDatabase.Database db = TestDatabase.shared().freshDatabase();
        Map<String, String> env = new HashMap<>(Map.of("ETHIQ_HTTP_PORT", "0", "ETHIQ_HTTP_HOST", "127.0.0.1",
                "ETHIQ_SHUTDOWN_GRACE", "PT1S",
                "ETHIQ_DATABASE_URL", db.jdbcUrl(),
                "ETHIQ_DATABASE_PASSWORD", TestDatabase.APP_PASSWORD,
                "ETHIQ_DATABASE_PLATFORM_PASSWORD", TestDatabase.PLATFORM_PASSWORD,
                "ETHIQ_DATABASE_POOL_SIZE", "3",
                "ETHIQ_SECRET_KEYS", TestDatabase.keySpec("t1", (byte) 1),
                "ETHIQ_SECRET_ACTIVE_KEY", "t1"));
        // the node derives its tenant-context key from the secrets keyring; the migrating login installs it (V51)
        com.ethiq.adapter.supabase.ContextKeys.derive(com.ethiq.adapter.supabase.Keyring.parse(
                env.get("ETHIQ_SECRET_KEYS"), "t1")).install(db.superuserDataSource(), TestDatabase.ROLES);
        env.put("ETHIQ_DATABASE_USER", TestDatabase.ROLES.app());
        env.put("ETHIQ_DATABASE_PLATFORM_USER", TestDatabase.ROLES.platform());
        AppConfig config = AppConfig.from(env);
        Clock clock = Clock.systemUTC();
        Adapters adapters = VendorWiring.fromConfig(config, clock);
        ManagementModule management = ManagementModule.forConfig(config, adapters, JWT, new InsecureFastPasswordHasher(),
                clock, ApiSettings.DEFAULT);
        EthiqApp app = EthiqApp.start(config, adapters, List.of(management));
        try {
            // pools fill to their size in the background: wait for the two the node should have
            Map<String, Integer> byPool = Map.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                byPool = connectionsByApplication(db);
                if (byPool.getOrDefault("ethiq-app", 0) == 3 && byPool.getOrDefault("ethiq-platform", 0) == 4) {
                    break;
                }
                Thread.sleep(100);
            }
            Thread.sleep(300); // a second set of pools would be filling by now too
            byPool = connectionsByApplication(db);
            assertThat(byPool).containsEntry("ethiq-app", 3).containsEntry("ethiq-platform", 4);
            // the app-role pool, the platform-role pool, the LISTEN connection: nothing else
            assertThat(byPool.keySet()).isSubsetOf(Set.of("ethiq-app", "ethiq-platform", "ethiq-direct"));
            assertThat(adapters.identity()).contains(management.stores());
        } finally {
            app.stop();
            db.close();
        }
    }

    private static Map<String, Integer> connectionsByApplication(TestDatabase.Database db) throws Exception {
        Map<String, Integer> out = new TreeMap<>();
        try (Connection c = db.superuserDataSource().getConnection();
             var st = c.prepareStatement("select application_name, count(*) from pg_stat_activity where datname = ? "
                     + "and usename <> current_user group by application_name")) {
            st.setString(1, db.name());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return out;
    }
}
