package com.ethiq.app.api;

import com.ethiq.adapter.supabase.SupabaseStore;
import com.ethiq.adapter.supabase.identity.IdentityStore;
import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.app.api.ApiHarness.Response;
import com.ethiq.app.security.JwtSettings;
import com.ethiq.app.security.Rfc6238TotpCodes;
import com.ethiq.app.security.TokenService;
import com.ethiq.core.fake.InsecureFastPasswordHasher;
import com.ethiq.core.management.ManagementCore;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The management API over the real adapters, for a test class: the JVM's embedded PostgreSQL (app and platform roles
 * under row-level security) behind a Javalin on a free port, and a client for it. Stop it after the class.
 */
final class DatabaseApiServer implements AutoCloseable {
    /** The shared database's store, to arrange what the API cannot (pool numbers, calls) and to check what it wrote. */
    final SupabaseStore store;
    private final Javalin app;
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    private DatabaseApiServer(SupabaseStore store, Javalin app) {
        this.store = store;
        this.app = app;
        this.base = "http://127.0.0.1:" + app.port();
    }

    static DatabaseApiServer start(ApiSettings settings) {
        TestDatabase.Database db = TestDatabase.shared().database();
        SupabaseStore store = db.store();
        IdentityStore identity = new IdentityStore(store, db.appDataSource());
        Clock clock = Clock.systemUTC();
        TokenService tokens = new TokenService(new JwtSettings("https://ethiq.test", "k1", Map.of("k1", ApiHarness.KEY),
                Duration.ofMinutes(10), Duration.ofSeconds(30)), clock);
        ManagementCore core = ManagementCore.builder().users(identity.users()).memberships(identity.memberships())
                .refreshTokens(identity.refreshTokens()).twoFactorSecrets(identity.twoFactorSecrets())
                .invitations(identity.invitations()).attemptCounters(identity.attemptCounters())
                .passwordHasher(new InsecureFastPasswordHasher()).totpCodes(new Rfc6238TotpCodes()).tokenIssuer(tokens)
                .tenants(store.tenants()).emergencyContacts(store.emergencyContacts()).tenantSecrets(store.tenantSecrets())
                .numberPool(store.numberPool()).tenantEraser(identity.tenantEraser()).callLogs(store.callLogs())
                .alertOutbox(store.alertOutbox()).usageLedger(store.usageLedger()).auditTrail(store.auditTrail())
                .auditChain(identity.auditChain()).clock(clock)
                .numberQuota(new com.ethiq.core.management.backoffice.NumberQuota(1_000_000, 1_000_000, Duration.ofDays(1)))
                .build(); // the quota has its own tests; this shared database sees every suite's sign-ups
        ManagementApi api = ManagementApi.builder().identity(core).tokens(tokens).clock(clock).settings(settings).build();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            api.register(config);
        }).start("127.0.0.1", 0);
        return new DatabaseApiServer(store, app);
    }

    /** One request with an optional bearer token and JSON body. */
    Response call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("User-Agent", "JUnit");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.headers(), r.body());
    }

    @Override
    public void close() {
        app.stop();
    }
}
