package com.ethiq.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.TenantId;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 4: an open {@code /api/live} stream stops when its viewer loses the account, logs out or changes
 * password (re-checked every 200 ms here, 5 s in production); one user cannot take every stream; a user without an
 * account cannot open one.
 */
class LiveStreamRevocationTest {
    static DashboardNode node;
    static HttpClient http;
    static TenantId demoAccount;

    @BeforeAll
    static void start() {
        node = new DashboardNode(Duration.ofMillis(30));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        demoAccount = node.management.stores().memberships().ofUser(node.management.stores().users()
                .findByEmail(EmailAddress.of(node.demo.loginEmail())).orElseThrow().id()).get(0).tenant();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A new user, member of the demo account with {@code role} (or of nothing when null); returns their access token. */
    private String member(Role role, List<UserId> id) {
        String email = "viewer-" + UUID.randomUUID().toString().substring(0, 8) + "@ethiq.example.org";
        User user = User.signUp(new UserId(UUID.randomUUID()), EmailAddress.of(email), "Viewer",
                node.management.stores().users().findByEmail(EmailAddress.of(node.demo.loginEmail())).orElseThrow().passwordHash(),
                Instant.now());
        node.management.stores().users().create(user);
        if (role != null) {
            node.management.stores().memberships().add(new Membership(demoAccount, user.id(), role, Instant.now()));
        }
        id.add(user.id());
        LoginResult r = node.management.identity().auth().login(new Credentials.Login(email, DashboardNode.PASSWORD),
                new RequestOrigin("127.0.0.1", "JUnit"));
        return ((LoginResult.SignedIn) r).tokens().access().value();
    }

    private HttpResponse<InputStream> open(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + Dashboard.LIVE))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads the stream until it ends; completes with the lines read. */
    private CompletableFuture<List<String>> drain(InputStream in) {
        List<String> lines = new CopyOnWriteArrayList<>();
        return CompletableFuture.supplyAsync(() -> {
            try (BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = br.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // ended
            }
            return lines;
        });
    }

    private int api(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).header("Authorization", "Bearer " + token);
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void removingTheMemberEndsTheirStream() throws Exception {
        List<UserId> ids = new ArrayList<>();
        HttpResponse<InputStream> r = open(member(Role.VIEWER, ids));
        assertThat(r.statusCode()).isEqualTo(200);
        CompletableFuture<List<String>> lines = drain(r.body());
        Thread.sleep(300);
        assertThat(lines).isNotDone();
        node.management.stores().memberships().remove(demoAccount, ids.get(0));
        assertThat(lines.get(5, TimeUnit.SECONDS)).anyMatch(l -> l.contains("revoked"));
    }

    @Test
    void logoutEndsTheStream() throws Exception {
        String token = member(Role.VIEWER, new ArrayList<>());
        HttpResponse<InputStream> r = open(token);
        assertThat(r.statusCode()).isEqualTo(200);
        CompletableFuture<List<String>> lines = drain(r.body());
        assertThat(api("POST", "/api/auth/logout", token, null)).isEqualTo(204);
        assertThat(lines.get(5, TimeUnit.SECONDS)).anyMatch(l -> l.contains("revoked"));
    }

    @Test
    void aPasswordChangeEndsTheStream() throws Exception {
        String token = member(Role.ADMIN, new ArrayList<>());
        HttpResponse<InputStream> r = open(token);
        assertThat(r.statusCode()).isEqualTo(200);
        CompletableFuture<List<String>> lines = drain(r.body());
        assertThat(api("POST", "/api/me/password", token, "{\"currentPassword\":\"" + DashboardNode.PASSWORD
                + "\",\"newPassword\":\"another-long-pass-phrase\"}")).isEqualTo(200);
        assertThat(lines.get(5, TimeUnit.SECONDS)).anyMatch(l -> l.contains("revoked"));
    }

    @Test
    void aUserWithoutAccountGetsNoStreamAndOneUserCannotTakeThemAll() throws Exception {
        assertThat(open(member(null, new ArrayList<>())).statusCode()).isEqualTo(403);
        String greedy = member(Role.VIEWER, new ArrayList<>());
        List<InputStream> held = new ArrayList<>();
        try {
            for (int i = 0; i < Dashboard.MAX_STREAMS_PER_USER; i++) {
                HttpResponse<InputStream> r = open(greedy);
                assertThat(r.statusCode()).isEqualTo(200);
                held.add(r.body());
            }
            HttpResponse<InputStream> refused = open(greedy);
            assertThat(refused.statusCode()).isEqualTo(429);
            refused.body().close();
            HttpResponse<InputStream> someoneElse = open(member(Role.VIEWER, new ArrayList<>()));
            assertThat(someoneElse.statusCode()).isEqualTo(200);
            someoneElse.body().close();
        } finally {
            for (InputStream in : held) {
                in.close();
            }
        }
    }
}
