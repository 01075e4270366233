package com.ethiq.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./ethiq serve} does with no configuration, twice on one data folder: the embedded PostgreSQL is
 * initialised once and reused, the generated secrets and the demo login survive the restart, the banner names the
 * simulated vendors, demo.json is private. (This is the one test that starts the runtime launcher's own server: it is
 * what is under test.)
 */
class EmbeddedDefaultTest {
    @TempDir
    Path data;

    private EmbeddedDefault start(ByteArrayOutputStream out) {
        return EmbeddedDefault.start(new EmbeddedDefault.Options(Map.of("ETHIQ_HTTP_PORT", "0", "ETHIQ_SHUTDOWN_GRACE", "PT1S"),
                data, true, 0, Clock.systemUTC()), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void startsOnAnEmbeddedDatabaseThatSurvivesARestart() throws Exception {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        DemoInfo info1;
        try (EmbeddedDefault node = start(first)) {
            String banner = first.toString(StandardCharsets.UTF_8);
            assertThat(banner).contains("SIMULATED VENDORS: TELEPHONY, SPEECH", "Login       " + DemoSeeder.DEMO_EMAIL,
                    "./ethiq simulate");
            assertThat(Files.exists(data.resolve("pgdata").resolve("PG_VERSION"))).isTrue();
            Path demoFile = data.resolve(DemoInfo.FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(demoFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(LocalSecrets.FILE)))).isEqualTo("rw-------");
            info1 = DemoInfo.read(demoFile);
            assertThat(info1.baseUrl().getPort()).isEqualTo(node.app().port());
            assertThat(info1.loginPassword()).isNotBlank();
            assertThat(banner).contains(info1.loginPassword());
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + node.app().port() + "/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            // the demo stays off the network unless asked
            assertThat(node.app().config().server().host()).isEqualTo("127.0.0.1");
            assertNoLocalUserIsTrusted(node);
        }
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (EmbeddedDefault node = start(second)) {
            DemoInfo info2 = DemoInfo.read(data.resolve(DemoInfo.FILE));
            assertThat(info2.loginPassword()).isEqualTo(info1.loginPassword());
            // the demo account (and its encrypted fake Twilio credentials) came back from the database
            assertThat(info2.accountSid()).isEqualTo(info1.accountSid());
            assertThat(info2.authToken()).isEqualTo(info1.authToken());
            assertThat(second.toString(StandardCharsets.UTF_8)).contains("embedded PostgreSQL 17").doesNotContain("IN-MEMORY STORE");
            assertThat(second.toString(StandardCharsets.UTF_8)).contains(info1.loginPassword());
            assertThat(node.demo()).isNotNull();
            // the demo login lives in the identity tables: it still works after the restart
            String body = "{\"email\":\"" + info2.loginEmail() + "\",\"password\":\"" + info2.loginPassword() + "\"}";
            HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + node.app().port() + "/api/auth/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(login.body()).contains("accessToken");
            assertNoLocalUserIsTrusted(node);
        }
    }

    /** Issue 15, item 2: the superuser without password and the app role with a wrong one are refused. */
    private void assertNoLocalUserIsTrusted(EmbeddedDefault node) throws Exception {
        String url = node.database().jdbcUrl();
        for (String[] attempt : new String[][] {{"postgres", null}, {"postgres", "postgres"}, {"ethiq_app", "wrong"},
                {"ethiq_platform", ""}}) {
            java.util.Properties p = new java.util.Properties();
            p.setProperty("user", attempt[0]);
            if (attempt[1] != null) {
                p.setProperty("password", attempt[1]);
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, p).close())
                    .as(String.join("/", attempt[0], String.valueOf(attempt[1]))).isInstanceOf(java.sql.SQLException.class);
        }
        LocalSecrets secrets = LocalSecrets.loadOrCreate(data);
        java.sql.DriverManager.getConnection(url, "ethiq_app", secrets.appPassword()).close();
        assertThat(Files.readString(data.resolve("pgdata").resolve("pg_hba.conf"))).doesNotContain("trust");
    }
}
