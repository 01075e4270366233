package com.ethiq.app.api;

import static com.ethiq.app.api.ApiHarness.PASSWORD;
import static com.ethiq.app.api.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.api.ApiHarness.Response;
import com.ethiq.app.api.MatrixFixture.Caller;
import com.ethiq.core.fake.InsecureFastPasswordHasher;
import com.ethiq.core.management.identity.Credentials;
import com.ethiq.core.management.identity.LoginResult;
import com.ethiq.core.management.identity.PermissionMatrix;
import com.ethiq.core.management.identity.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;

/**
 * Every route × every kind of caller (anonymous, stranger, viewer, admin, owner, operator) over HTTP, each cell on a
 * fresh account, the expected status derived from {@link PermissionMatrix} and the route table: 401 without a token,
 * 404 for an account that is not yours, 403 when your role lacks the permission, the route's success status
 * otherwise. Successful JSON answers are also checked against the OpenAPI schema of the route. Uses the fast test
 * password hasher: this suite is about authorisation, not hashing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorisationMatrixTest {
    private static ApiHarness h;
    private static MatrixFixture.Callers callers;
    private static JsonNode openApi;
    private static final Set<String> covered = new HashSet<>();
    private static final AtomicInteger cells = new AtomicInteger();

    @BeforeAll
    static void start() {
        h = new ApiHarness(ApiSettings.DEFAULT.withAuthRequestsPerMinutePerIp(100_000), new InsecureFastPasswordHasher());
        callers = new MatrixFixture.Callers(h);
        openApi = h.call("GET", "/api/openapi.json", null, null).json();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    /** The request one cell sends: path and body, after whatever preparation the route needs. */
    private record Request(String path, String body) {
    }

    /** The fresh signed-in user of a self-route cell (some scenarios need it). */
    private record SelfCell(MatrixFixture.Fresh fresh, String token, String secondSession) {
    }

    private static final ThreadLocal<SelfCell> SELF = new ThreadLocal<>();

    /** How to build the request of each route, by "METHOD template". */
    private static final Map<String, BiFunction<MatrixFixture, Caller, Request>> SCENARIOS = new LinkedHashMap<>();

    private static void on(String key, BiFunction<MatrixFixture, Caller, Request> f) {
        SCENARIOS.put(key, f);
    }

    static {
        String acc = "/api/accounts/{accountId}";
        on("GET /api/openapi.json", (f, c) -> new Request("/api/openapi.json", null));
        on("POST /api/auth/signup", (f, c) -> new Request("/api/auth/signup",
                json("email", "new" + ApiHarness.nextSeq() + "@example.org", "password", PASSWORD)));
        on("POST /api/auth/login", (f, c) -> new Request("/api/auth/login",
                json("email", f.h.newUser(false).email().value(), "password", PASSWORD)));
        on("POST /api/auth/login/second-factor", (f, c) -> {
            MatrixFixture.Fresh u = f.freshSelf(Caller.STRANGER);
            MatrixFixture.TwoFactor tf = f.enable2fa(u);
            LoginResult r = f.h.core.auth().login(new Credentials.Login(u.user().email().value(), PASSWORD), ApiHarness.ORIGIN);
            String challenge = ((LoginResult.SecondFactorRequired) r).challenge().value();
            String next = f.h.totp.codeFor(tf.seed(), f.h.clock.instant().getEpochSecond() / 30 + 1);
            return new Request("/api/auth/login/second-factor", json("challenge", challenge, "code", next));
        });
        on("POST /api/auth/refresh", (f, c) -> new Request("/api/auth/refresh",
                json("refreshToken", f.h.login(f.h.newUser(false)).refreshToken())));
        on("POST /api/auth/logout", (f, c) -> new Request("/api/auth/logout", null));
        on("POST /api/auth/step-up", (f, c) -> new Request("/api/auth/step-up", json("password", PASSWORD)));
        on("GET /api/me", (f, c) -> new Request("/api/me", null));
        on("PATCH /api/me", (f, c) -> new Request("/api/me", json("displayName", "Jeanne")));
        on("POST /api/me/password", (f, c) -> new Request("/api/me/password",
                json("currentPassword", PASSWORD, "newPassword", "another long passphrase")));
        on("GET /api/me/sessions", (f, c) -> new Request("/api/me/sessions", null));
        on("DELETE /api/me/sessions/{sessionId}", (f, c) -> new Request("/api/me/sessions/" + (SELF.get() == null ? java.util.UUID.randomUUID() : SELF.get().secondSession), null));
        on("POST /api/me/2fa/totp", (f, c) -> new Request("/api/me/2fa/totp", null));
        on("POST /api/me/2fa/totp/confirm", (f, c) -> {
            var e = f.h.core.twoFactor().begin(f.actor(self(f).fresh.tokens()));
            String code = f.h.totp.codeFor(com.ethiq.core.domain.Secret.of(e.secret()), f.h.clock.instant().getEpochSecond() / 30);
            return new Request("/api/me/2fa/totp/confirm", json("code", code));
        });
        on("DELETE /api/me/2fa/totp", (f, c) -> new Request("/api/me/2fa/totp", null));
        on("POST /api/me/2fa/recovery-codes", (f, c) -> new Request("/api/me/2fa/recovery-codes", null));
        on("POST /api/invitations/accept", (f, c) -> {
            var inviting = f.h.newTenant();
            f.h.addMember(inviting, f.callers.owner, Role.OWNER);
            var inv = f.h.core.members().invite(f.actor(f.callers.ownerTokens), inviting, self(f).fresh.user().email().value(), "viewer");
            return new Request("/api/invitations/accept", json("token", inv.token()));
        });
        on("GET /api/accounts", (f, c) -> new Request("/api/accounts", null));
        on("POST /api/accounts", (f, c) -> {
            f.h.numbers.add(com.ethiq.core.domain.PhoneNumber.of("+3398" + String.format("%07d", ApiHarness.nextSeq())), "FR");
            return new Request("/api/accounts", json("displayName", "Mamie", "region", "FR",
                    "sipAddress", "sip:mamie" + ApiHarness.nextSeq() + "@home.sip.twilio.com", "language", "fr"));
        });
        on("GET " + acc, (f, c) -> new Request(a(f), null));
        on("POST " + acc + "/suspend", (f, c) -> new Request(a(f) + "/suspend", null));
        on("POST " + acc + "/resume", (f, c) -> {
            f.h.tenants.updateStatus(f.account, com.ethiq.core.domain.AccountStatus.SUSPENDED);
            return new Request(a(f) + "/resume", null);
        });
        on("POST " + acc + "/cancel", (f, c) -> new Request(a(f) + "/cancel", null));
        on("DELETE " + acc, (f, c) -> new Request(a(f), null));
        on("GET " + acc + "/members", (f, c) -> new Request(a(f) + "/members", null));
        on("PATCH " + acc + "/members/{userId}", (f, c) -> new Request(a(f) + "/members/" + f.extraMember.id(), json("role", "admin")));
        on("DELETE " + acc + "/members/{userId}", (f, c) -> new Request(a(f) + "/members/" + f.extraMember.id(), null));
        on("GET " + acc + "/invitations", (f, c) -> new Request(a(f) + "/invitations", null));
        on("POST " + acc + "/invitations", (f, c) -> new Request(a(f) + "/invitations",
                json("email", "friend" + ApiHarness.nextSeq() + "@example.org", "role", "viewer")));
        on("DELETE " + acc + "/invitations/{invitationId}", (f, c) -> new Request(a(f) + "/invitations/" + f.invitation.id(), null));
        on("GET " + acc + "/contacts", (f, c) -> new Request(a(f) + "/contacts", null));
        on("POST " + acc + "/contacts", (f, c) -> new Request(a(f) + "/contacts",
                json("name", "Sophie", "phone", "+3362" + String.format("%07d", ApiHarness.nextSeq()), "relationship", "fille")));
        on("GET " + acc + "/contacts/{contactId}", (f, c) -> new Request(a(f) + "/contacts/" + f.contact.id(), null));
        on("PUT " + acc + "/contacts/{contactId}", (f, c) -> new Request(a(f) + "/contacts/" + f.contact.id(),
                json("name", "Paul M.", "phone", f.contact.phone().e164(), "relationship", "fils")));
        on("DELETE " + acc + "/contacts/{contactId}", (f, c) -> new Request(a(f) + "/contacts/" + f.contact.id(), null));
        on("GET " + acc + "/callers", (f, c) -> new Request(a(f) + "/callers", null));
        on("POST " + acc + "/callers", (f, c) -> new Request(a(f) + "/callers",
                json("phone", "+3363" + String.format("%07d", ApiHarness.nextSeq()), "name", "Dr Martin", "listing", "trusted")));
        on("GET " + acc + "/callers/{callerId}", (f, c) -> new Request(a(f) + "/callers/" + f.knownCaller.id(), null));
        on("PUT " + acc + "/callers/{callerId}", (f, c) -> new Request(a(f) + "/callers/" + f.knownCaller.id(),
                json("phone", f.knownCaller.phone().e164(), "name", "Démarcheur", "listing", "blocked_warn")));
        on("DELETE " + acc + "/callers/{callerId}", (f, c) -> new Request(a(f) + "/callers/" + f.knownCaller.id(), null));
        on("GET " + acc + "/telephony", (f, c) -> new Request(a(f) + "/telephony", null));
        on("PATCH " + acc + "/telephony", (f, c) -> new Request(a(f) + "/telephony",
                json("announcementAudience", "everyone", "smsSenderId", "MAMIE SAFE")));
        on("GET " + acc + "/reputation", (f, c) -> new Request(a(f) + "/reputation", null));
        on("PUT " + acc + "/reputation", (f, c) -> new Request(a(f) + "/reputation", json("optIn", true)));
        on("POST " + acc + "/calls/{callSid}/false-alarm", (f, c) -> new Request(a(f) + "/calls/" + f.callSid.value() + "/false-alarm", null));
        on("GET " + acc + "/settings", (f, c) -> new Request(a(f) + "/settings", null));
        on("PATCH " + acc + "/settings", (f, c) -> new Request(a(f) + "/settings", json("language", "en", "retentionDays", 30)));
        on("GET " + acc + "/credentials", (f, c) -> new Request(a(f) + "/credentials", null));
        on("PUT " + acc + "/credentials/telephony", (f, c) -> new Request(a(f) + "/credentials/telephony",
                json("accountSid", "AC" + "0123456789abcdef".repeat(2), "authToken", "tok-secret-9876")));
        on("PUT " + acc + "/credentials/speech", (f, c) -> new Request(a(f) + "/credentials/speech", json("value", "{\"type\":\"service_account\"}")));
        on("PUT " + acc + "/credentials/ai", (f, c) -> new Request(a(f) + "/credentials/ai", json("value", "sk-new-key-5555")));
        on("DELETE " + acc + "/credentials/{kind}", (f, c) -> new Request(a(f) + "/credentials/ai", null));
        on("GET " + acc + "/calls", (f, c) -> new Request(a(f) + "/calls?limit=10", null));
        on("GET " + acc + "/calls/{callSid}", (f, c) -> new Request(a(f) + "/calls/" + f.callSid.value(), null));
        on("GET " + acc + "/calls/{callSid}/evidence.pdf", (f, c) -> new Request(a(f) + "/calls/" + f.scamCall().value() + "/evidence.pdf", null));
        on("GET " + acc + "/calls/{callSid}/evidence.json", (f, c) -> new Request(a(f) + "/calls/" + f.scamCall().value() + "/evidence.json", null));
        on("GET " + acc + "/alerts", (f, c) -> new Request(a(f) + "/alerts", null));
        on("GET " + acc + "/usage", (f, c) -> new Request(a(f) + "/usage?month=2025-03", null));
        on("GET " + acc + "/usage/export", (f, c) -> new Request(a(f) + "/usage/export?month=2025-03", null));
        on("GET " + acc + "/audit", (f, c) -> new Request(a(f) + "/audit?limit=20", null));
        on("POST " + acc + "/audit/verify", (f, c) -> new Request(a(f) + "/audit/verify", null));
        on("GET /api/platform/numbers", (f, c) -> new Request("/api/platform/numbers?region=FR&state=free", null));
        on("GET /api/platform/numbers/available", (f, c) -> {
            f.h.telephony.offer("FR", "Ile-de-France", poolNumber());
            return new Request("/api/platform/numbers/available?country=FR&limit=5", null);
        });
        on("POST /api/platform/numbers/purchases", (f, c) -> {
            var n = poolNumber();
            f.h.telephony.offer("FR", "Ile-de-France", n);
            return new Request("/api/platform/numbers/purchases", json("region", "FR", "numbers", List.of(n.e164())));
        });
        on("POST /api/platform/numbers/imports", (f, c) -> {
            var n = poolNumber();
            f.h.telephony.own(ApiHarness.PLATFORM, n, null);
            return new Request("/api/platform/numbers/imports", json("region", "FR", "numbers", List.of(n.e164())));
        });
        on("POST /api/platform/numbers/reconciliation", (f, c) -> new Request("/api/platform/numbers/reconciliation", null));
        on("GET /api/platform/institutions", (f, c) -> new Request("/api/platform/institutions", null));
        on("PUT /api/platform/institutions", (f, c) -> new Request("/api/platform/institutions", json("text",
                "@version matrix-" + ApiHarness.nextSeq() + "\n[la_poste]\nname = La Poste\nclaims = fake_health_or_parcel\n"
                        + "aliases = la poste\nnumbers = +33969396969\n")));
    }

    private static com.ethiq.core.domain.PhoneNumber poolNumber() {
        return com.ethiq.core.domain.PhoneNumber.of("+3396" + String.format("%07d", ApiHarness.nextSeq()));
    }

    /** The cell's fresh user; anonymous cells get a throwaway one so the request is still well-formed. */
    private static SelfCell self(MatrixFixture f) {
        SelfCell cell = SELF.get();
        return cell != null ? cell : new SelfCell(f.freshSelf(Caller.STRANGER), null, null);
    }

    private static String a(MatrixFixture f) {
        return "/api/accounts/" + f.account.value();
    }

    private static String key(ApiRoute r) {
        return r.method() + " " + r.path();
    }

    private static int expected(ApiRoute r, Caller c) {
        if (r.access() == ApiRoute.Access.PUBLIC) {
            return r.successStatus();
        }
        if (c == Caller.ANONYMOUS) {
            return 401;
        }
        if (r.access() == ApiRoute.Access.AUTHENTICATED) {
            return r.successStatus();
        }
        if (r.access() == ApiRoute.Access.OPERATOR) {
            // platform routes: no account in the path, so no 404 hiding; everyone but an operator is refused
            return c == Caller.OPERATOR ? r.successStatus() : 403;
        }
        return switch (c) {
            case STRANGER -> 404;
            case OPERATOR -> PermissionMatrix.operatorAllows(r.permission()) ? r.successStatus() : 403;
            case VIEWER -> PermissionMatrix.allows(Role.VIEWER, r.permission()) ? r.successStatus() : 403;
            case ADMIN -> PermissionMatrix.allows(Role.ADMIN, r.permission()) ? r.successStatus() : 403;
            case OWNER -> PermissionMatrix.allows(Role.OWNER, r.permission()) ? r.successStatus() : 403;
            default -> throw new IllegalStateException();
        };
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyRouteForEveryCaller() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiRoute r : h.api.routes()) {
            for (Caller c : Caller.values()) {
                tests.add(DynamicTest.dynamicTest(key(r) + " as " + c, () -> runCell(r, c)));
            }
        }
        return tests.stream();
    }

    private void runCell(ApiRoute r, Caller c) {
        BiFunction<MatrixFixture, Caller, Request> scenario = SCENARIOS.get(key(r));
        assertThat(scenario).as("no scenario for " + key(r) + ": add one").isNotNull();
        MatrixFixture f = new MatrixFixture(h, callers);
        String token = callers.token(c);
        if (r.access() == ApiRoute.Access.AUTHENTICATED && c != Caller.ANONYMOUS) {
            // Self routes may end or change the caller's own session: give each cell its own user of that kind.
            MatrixFixture.Fresh fresh = f.freshSelf(c);
            token = fresh.access();
            String second = null;
            if (r.path().endsWith("/2fa/totp") && r.method().equals("DELETE") || r.path().endsWith("/recovery-codes")) {
                token = f.enable2fa(fresh).tokens().access().value();
            }
            if (r.path().contains("{sessionId}")) {
                second = f.h.login(fresh.user()).sessionId().toString();
            }
            SELF.set(new SelfCell(fresh, token, second));
        }
        try {
            Request req = scenario.apply(f, c);
            Response resp = h.call(r.method(), req.path(), token, req.body());
            int want = expected(r, c);
            assertThat(resp.status()).as(key(r) + " as " + c + ": " + resp).isEqualTo(want);
            if (MatrixFixture.ok(resp) && resp.header("Content-Type") != null && resp.header("Content-Type").startsWith("application/json")
                    && !r.path().endsWith("openapi.json")) {
                checkAgainstSchema(r, resp.json());
            }
            if (!MatrixFixture.ok(resp)) {
                assertThat(resp.header("Content-Type")).startsWith("application/problem+json");
                assertThat(resp.json().get("status").asInt()).isEqualTo(want);
            }
            covered.add(key(r));
            cells.incrementAndGet();
        } finally {
            SELF.remove();
        }
    }

    /** Every field of the answer is documented in the route's OpenAPI response schema. */
    private static void checkAgainstSchema(ApiRoute r, JsonNode body) {
        JsonNode op = openApi.get("paths").get(r.path()).get(r.method().toLowerCase());
        JsonNode content = op.get("responses").get(Integer.toString(r.successStatus())).get("content");
        String ref = content.get("application/json").get("schema").get("$ref").asText();
        JsonNode schema = openApi.get("components").get("schemas").get(ref.substring(ref.lastIndexOf('/') + 1));
        JsonNode props = schema.get("properties");
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            assertThat(props.has(field)).as(key(r) + " answers undocumented field '" + field + "'").isTrue();
        }
    }

    @Test
    @Order(2)
    void everyRouteWasCoveredByEveryCaller() {
        assertThat(covered).containsExactlyInAnyOrderElementsOf(h.api.routes().stream().map(AuthorisationMatrixTest::key).toList());
        assertThat(cells.get()).isEqualTo(h.api.routes().size() * Caller.values().length);
        System.out.println("authorisation matrix: " + h.api.routes().size() + " routes x " + Caller.values().length
                + " callers = " + cells.get() + " cells");
    }
}
