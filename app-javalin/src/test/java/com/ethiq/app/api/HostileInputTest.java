package com.ethiq.app.api;

import static com.ethiq.app.api.ApiHarness.PASSWORD;
import static com.ethiq.app.api.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.ethiq.adapter.supabase.SupabaseStore;
import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.app.api.ApiHarness.Response;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 15, item 5 and three of item 8, on the real database: NUL characters and other invalid text are a 400 naming
 * the field (not a 503 whose log line quoted the e-mail and password hash), numbers are not strings, strangers and
 * viewers get 404/403 before any body validation. Everything logged meanwhile (root logger, all levels) is scanned
 * for e-mail addresses, phone numbers, Argon2 hashes and JWTs.
 */
class HostileInputTest {
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+\\d{8,15}");
    private static final Pattern ARGON2 = Pattern.compile("\\$argon2(id|i|d)\\$");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.");

    private static DatabaseApiServer server;
    private static SupabaseStore store;
    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private static final Map<String, Level> before = new java.util.HashMap<>();
    private static final List<String> VERBOSE = List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "com.ethiq", "org.jdbi", "com.zaxxer");

    @BeforeAll
    static void start() {
        // everything our code, Jdbi and the pool say, whatever logback-test.xml keeps quiet
        for (String name : VERBOSE) {
            Logger l = (Logger) LoggerFactory.getLogger(name);
            before.put(name, l.getLevel());
            l.setLevel(name.equals("com.ethiq") ? Level.TRACE : Level.DEBUG);
        }
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        server = DatabaseApiServer.start(ApiSettings.DEFAULT.withAuthRequestsPerMinutePerIp(10_000));
        store = server.store;
    }

    @AfterAll
    static void stop() {
        server.close();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logs);
        before.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }

    private static Response call(String method, String path, String token, String body) throws Exception {
        return server.call(method, path, token, body);
    }

    private static String signUpAndLogin(String email) throws Exception {
        assertThat(call("POST", "/api/auth/signup", null, json("email", email, "password", PASSWORD)).status()).isEqualTo(202);
        return call("POST", "/api/auth/login", null, json("email", email, "password", PASSWORD)).json()
                .get("tokens").get("accessToken").asText();
    }

    private static String email() {
        return "hostile" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    @Test
    void invalidTextIsABadRequestNamingTheFieldAndNothingPersonalIsLogged() throws Exception {
        String region = "H" + (char) ('A' + (int) (Math.random() * 26));
        store.numberPool().add(TestDatabase.shared().uniqueNumber(), region);
        String owner = email();
        String access = signUpAndLogin(owner);
        Response created = call("POST", "/api/accounts", access, json("displayName", "Mamie", "region", region,
                "sipAddress", "sip:h" + UUID.randomUUID().toString().substring(0, 8) + "@home.sip.twilio.com"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String acc = "/api/accounts/" + created.json().get("id").asText();

        List<String[]> attempts = new ArrayList<>();
        attempts.add(new String[] {"POST", "/api/auth/signup", null, json("email", email(), "password", PASSWORD, "displayName", "Eve\u0000")});
        attempts.add(new String[] {"POST", "/api/auth/signup", null, json("email", "x\u0000" + email(), "password", PASSWORD)});
        attempts.add(new String[] {"PATCH", "/api/me", access, json("displayName", "Nul\u0000l")});
        attempts.add(new String[] {"POST", acc + "/contacts", access, json("name", "Pa\u0000ul", "phone", "+33612345678")});
        attempts.add(new String[] {"POST", acc + "/contacts", access, json("name", "Paul", "phone", "+33612345678", "relationship", "\u0000")});
        attempts.add(new String[] {"POST", acc + "/invitations", access, json("email", "in\u0000vitee@example.org", "role", "viewer")});
        attempts.add(new String[] {"POST", "/api/accounts", access, json("displayName", "A\u0000", "region", region)});
        attempts.add(new String[] {"POST", acc + "/contacts", access, "{\"name\":\"Lone \\ud800 surrogate\",\"phone\":\"+33612345678\"}"});
        for (String[] a : attempts) {
            Response r = call(a[0], a[1], a[2], a[3]);
            assertThat(r.status()).as(a[1] + " " + r).isEqualTo(400);
            assertThat(r.body()).as(a[1]).containsAnyOf("NUL character", "unpaired surrogate");
            assertThat(r.headers().firstValue("Retry-After")).isEmpty();
        }
        // {"name":5} is not a string
        Response number = call("POST", acc + "/contacts", access, "{\"name\":5,\"phone\":\"+33612345678\"}");
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.body()).contains("'name' has the wrong type");
        assertThat(call("POST", acc + "/contacts", access, "{\"name\":true,\"phone\":\"+33612345678\"}").status()).isEqualTo(400);

        // authorisation before validation: a stranger gets 404 and a viewer 403 for a malformed body too
        String stranger = signUpAndLogin(email());
        assertThat(call("POST", acc + "/contacts", stranger, "{\"name\":5}").status()).isEqualTo(404);
        assertThat(call("POST", acc + "/contacts", stranger, "not json").status()).isEqualTo(404);
        String viewerEmail = email();
        String invitation = call("POST", acc + "/invitations", access, json("email", viewerEmail, "role", "viewer")).json()
                .get("token").asText();
        String viewer = signUpAndLogin(viewerEmail);
        assertThat(call("POST", "/api/invitations/accept", viewer, json("token", invitation)).status()).isEqualTo(200);
        assertThat(call("POST", acc + "/contacts", viewer, "{\"name\":5}").status()).isEqualTo(403);
        assertThat(call("POST", acc + "/contacts", access, json("name", "Paul", "phone", "+33612345678")).status()).isEqualTo(201);

        // the database path itself: a NUL that gets past the edge is bad input, and no message carries the values
        TenantId tenant = TenantId.of(created.json().get("id").asText());
        Throwable storeFailure = null;
        try {
            store.emergencyContacts().add(new EmergencyContact(UUID.randomUUID(), tenant, "Ze\u0000ro",
                    PhoneNumber.of("+33698765432"), "", Instant.now()));
        } catch (IllegalArgumentException e) {
            storeFailure = e;
        }
        assertThat(storeFailure).as("a NUL reaching the store is bad input").isNotNull();
        StringBuilder chain = new StringBuilder();
        for (Throwable t = storeFailure; t != null; t = t.getCause()) {
            chain.append(t.getMessage()).append('\n');
        }
        assertThat(chain.toString()).doesNotContain("+33698765432", "Ze");
        // and through the path that used to log the bound parameters: a store failure logged at ERROR with its chain
        ProblemMapper.map(new com.ethiq.core.port.PersistenceException("the store failed", storeFailure), acc + "/contacts");

        List<String> leaks = new ArrayList<>();
        for (ILoggingEvent e : logs.list) {
            String text = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy()));
            for (Pattern p : List.of(EMAIL, PHONE, ARGON2, JWT)) {
                var m = p.matcher(text);
                while (m.find()) {
                    leaks.add(e.getLoggerName() + ": " + p.pattern() + " -> " + m.group());
                }
            }
        }
        assertThat(logs.list).as("the store failure was logged, and scanned")
                .anyMatch(e -> e.getLevel() == Level.ERROR && e.getThrowableProxy() != null);
        assertThat(leaks).as("personal data or secrets in %d log events", logs.list.size()).isEmpty();
    }
}
