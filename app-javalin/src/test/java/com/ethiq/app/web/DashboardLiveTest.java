package com.ethiq.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.sim.CallScript;
import com.ethiq.app.sim.CallSimulator;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.management.identity.Credentials;
import com.ethiq.core.management.identity.EmailAddress;
import com.ethiq.core.management.identity.LoginResult;
import com.ethiq.core.management.identity.Membership;
import com.ethiq.core.management.identity.RequestOrigin;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.management.identity.User;
import com.ethiq.core.management.identity.UserId;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's HTTP side without a browser: static pages and their headers, and the live stream's access rules. */
class DashboardLiveTest {
    static DashboardNode node;
    static HttpClient http;
    static ScheduledExecutorService ticks;

    @BeforeAll
    static void start() {
        node = new DashboardNode(Duration.ofMillis(30));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ticks = Executors.newScheduledThreadPool(2);
    }

    @AfterAll
    static void stop() {
        ticks.shutdownNow();
        node.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).timeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(String email, String password) {
        LoginResult r = node.management.identity().auth().login(new Credentials.Login(email, password),
                new RequestOrigin("127.0.0.1", "JUnit"));
        return ((LoginResult.SignedIn) r).tokens().access().value();
    }

    @Test
    void servesTheDashboardWithStrictHeaders() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"fr\">", "/js/app.js");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'", "frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        HttpResponse<String> js = get("/js/app.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type").orElse("")).contains("javascript");
    }

    @Test
    void liveStreamRefusesMissingBadAndForeignRequests() throws Exception {
        assertThat(get(Dashboard.LIVE).statusCode()).isEqualTo(401);
        assertThat(get(Dashboard.LIVE, "Authorization", "Bearer not-a-token").statusCode()).isEqualTo(401);
        String token = token(node.demo.loginEmail(), DashboardNode.PASSWORD);
        assertThat(get(Dashboard.LIVE, "Authorization", "Bearer " + token, "Origin", "https://evil.example").statusCode())
                .isEqualTo(403);
    }

    @Test
    void streamsOnlyTheViewersOwnAccountsEvents() throws Exception {
        // a second tenant with its own member, who must not see the demo account's call
        TenantId other = TenantId.random();
        node.app.assembly().adapters().tenants().create(new Tenant(other, "Autre famille", AccountStatus.ACTIVE,
                PhoneNumber.of("+33199000777"), new SipAddress("sip:autre@demo.ethiq.invalid"), TenantSettings.defaults(), Instant.now()));
        User stranger = User.signUp(new UserId(UUID.randomUUID()), EmailAddress.of("autre@ethiq.example.org"), "Autre",
                node.management.stores().users().findByEmail(EmailAddress.of(node.demo.loginEmail())).orElseThrow().passwordHash(),
                Instant.now());
        node.management.stores().users().create(stranger);
        node.management.stores().memberships().add(new Membership(other, stranger.id(), Role.OWNER, Instant.now()));

        List<String> mine = new CopyOnWriteArrayList<>();
        List<String> theirs = new CopyOnWriteArrayList<>();
        InputStream a = openStream(token(node.demo.loginEmail(), DashboardNode.PASSWORD), mine);
        InputStream b = openStream(token("autre@ethiq.example.org", DashboardNode.PASSWORD), theirs);
        try {
            CallScript scam = CallScript.bundled().stream().filter(s -> s.id().equals("allo-mamie")).findFirst().orElseThrow();
            CallSimulator.Outcome outcome = new CallSimulator(node.target(), http, ticks,
                    new CallSimulator.Pacing(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5))).run(scam);
            assertThat(outcome.fraudDetected()).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (mine.stream().noneMatch(l -> l.contains("\"state\":\"ended\"")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(mine).anyMatch(l -> l.startsWith("event: hello"));
            assertThat(mine).anyMatch(l -> l.contains("\"state\":\"live\"") && l.contains(outcome.callSid()));
            assertThat(mine).anyMatch(l -> l.contains("\"level\":\"scam\""));
            assertThat(mine).anyMatch(l -> l.contains("\"kind\":\"sms\"") && l.contains("\"status\":\"sent\""));
            assertThat(mine).anyMatch(l -> l.contains("\"state\":\"ended\""));
            // events carry ids and levels only: no transcript text, no phone number
            assertThat(String.join("\n", mine)).doesNotContain("mamie", "+336", "+33199000123");
            assertThat(theirs).anyMatch(l -> l.startsWith("event: hello"));
            assertThat(theirs).noneMatch(l -> l.contains(outcome.callSid()));
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void readinessTurns503WhenDrainingWhileHealthStaysUp() throws Exception {
        assertThat(get(Readiness.PATH).statusCode()).isEqualTo(200);
        assertThat(get(Readiness.PATH).body()).contains("\"status\":\"ready\"", "\"store\":\"ok\"");
        // (no other test of this class reads /ready: draining the shared node is harmless to them)
        node.readiness.drain();
        HttpResponse<String> r = get(Readiness.PATH);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("draining");
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    /** Opens the live stream and copies its lines into {@code lines} on a background thread. */
    private InputStream openStream(String token, List<String> lines) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + Dashboard.LIVE))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        InputStream in = r.body();
        Thread reader = new Thread(() -> {
            try (BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String event = "";
                String line;
                while ((line = br.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        event = line;
                        lines.add(line);
                    } else if (line.startsWith("data:")) {
                        lines.add(event + " " + line);
                    }
                }
            } catch (java.io.IOException ignored) {
                // closed by the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (lines.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return in;
    }
}
