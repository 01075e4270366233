package com.ethiq.app.api;

import static com.ethiq.app.api.ApiHarness.PASSWORD;
import static com.ethiq.app.api.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.api.ApiHarness.Response;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.Secret;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-up, login, refresh rotation and reuse, logout, 2FA enrolment and lockout, over real HTTP. Uses the fast test
 * hasher to stay quick; {@link Argon2LoginFlowTest} runs the same entry points with the real Argon2id.
 */
class AuthFlowTest {
    private static ApiHarness h;

    @BeforeAll
    static void start() {
        h = new ApiHarness(ApiSettings.DEFAULT.withAuthRequestsPerMinutePerIp(10_000), new com.ethiq.core.fake.InsecureFastPasswordHasher());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String email() {
        return "flow" + ApiHarness.nextSeq() + "@example.org";
    }

    private static JsonNode login(String email, String password) {
        Response r = h.call("POST", "/api/auth/login", null, json("email", email, "password", password));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void signUpThenLoginThenMe() {
        String email = email();
        Response s = h.call("POST", "/api/auth/signup", null, json("email", email, "password", PASSWORD, "displayName", "Marie"));
        assertThat(s.status()).isEqualTo(202);
        JsonNode tokens = login(email, PASSWORD).get("tokens");
        assertThat(tokens.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expiresIn").asLong()).isEqualTo(600);
        Response me = h.call("GET", "/api/me", tokens.get("accessToken").asText(), null);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("email").asText()).isEqualTo(email);
        assertThat(me.body()).doesNotContain("argon2").doesNotContain("passwordHash");
        assertThat(me.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void signUpOfATakenAddressGetsTheSameAnswer() {
        String email = email();
        Response first = h.call("POST", "/api/auth/signup", null, json("email", email, "password", PASSWORD));
        Response second = h.call("POST", "/api/auth/signup", null, json("email", email, "password", "another long passphrase"));
        assertThat(second.status()).isEqualTo(first.status());
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(login(email, PASSWORD).has("tokens")).isTrue();
    }

    @Test
    void unknownUserAndWrongPasswordAreIndistinguishable() {
        String email = email();
        h.call("POST", "/api/auth/signup", null, json("email", email, "password", PASSWORD));
        Response unknown = h.call("POST", "/api/auth/login", null, json("email", "nobody" + email, "password", PASSWORD));
        Response wrong = h.call("POST", "/api/auth/login", null, json("email", email, "password", "wrong password"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.json().get("detail").asText()).isEqualTo("invalid credentials");
    }

    @Test
    void refreshRotatesAndReplayingAnOldTokenKillsTheSession() {
        String email = email();
        h.call("POST", "/api/auth/signup", null, json("email", email, "password", PASSWORD));
        JsonNode r1 = login(email, PASSWORD).get("tokens");
        JsonNode r2 = h.call("POST", "/api/auth/refresh", null, json("refreshToken", r1.get("refreshToken").asText())).json();
        JsonNode r3 = h.call("POST", "/api/auth/refresh", null, json("refreshToken", r2.get("refreshToken").asText())).json();
        assertThat(h.call("GET", "/api/me", r3.get("accessToken").asText(), null).status()).isEqualTo(200);

        Response replay = h.call("POST", "/api/auth/refresh", null, json("refreshToken", r1.get("refreshToken").asText()));
        assertThat(replay.status()).isEqualTo(401);
        assertThat(h.call("POST", "/api/auth/refresh", null, json("refreshToken", r3.get("refreshToken").asText())).status()).isEqualTo(401);
        assertThat(h.call("GET", "/api/me", r3.get("accessToken").asText(), null).status()).isEqualTo(401);
        assertThat(h.audit.events(null)).extracting(AuditEvent::action).contains("auth.refresh_reuse_detected");
    }

    @Test
    void logoutEndsTheAccessTokenAtOnce() {
        String email = email();
        h.call("POST", "/api/auth/signup", null, json("email", email, "password", PASSWORD));
        String access = login(email, PASSWORD).get("tokens").get("accessToken").asText();
        assertThat(h.call("POST", "/api/auth/logout", access, null).status()).isEqualTo(204);
        Response after = h.call("GET", "/api/me", access, null);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void expiredAndForgedTokensAreRefused() {
        String email = email();
        h.call("POST", "/api/auth/signup", null, json("email", email, "password", PASSWORD));
        String access = login(email, PASSWORD).get("tokens").get("accessToken").asText();
        String forged = access.substring(0, access.length() - 2) + (access.endsWith("A") ? "BB" : "AA");
        assertThat(h.call("GET", "/api/me", forged, null).status()).isEqualTo(401);
        String[] parts = access.split("\\.");
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"kid\":\"k1\"}".getBytes())
                + "." + parts[1] + ".";
        assertThat(h.call("GET", "/api/me", none, null).status()).isEqualTo(401);
        assertThat(h.call("GET", "/api/me", "x".repeat(5000), null).status()).isEqualTo(401);
        h.clock.advance(Duration.ofMinutes(11));
        try {
            assertThat(h.call("GET", "/api/me", access, null).status()).isEqualTo(401);
        } finally {
            h.clock.advance(Duration.ofMinutes(-11));
        }
    }

    @Test
    void totpEnrolmentLoginReplayAndLockout() {
        String email = email();
        h.call("POST", "/api/auth/signup", null, json("email", email, "password", PASSWORD));
        String access = login(email, PASSWORD).get("tokens").get("accessToken").asText();
        JsonNode enrol = h.call("POST", "/api/me/2fa/totp", access, null).json();
        assertThat(enrol.get("otpauthUri").asText()).startsWith("otpauth://totp/").contains("issuer=Ethiq");
        assertThat(enrol.get("qrSvg").asText()).startsWith("<svg").contains("<path");
        Secret seed = Secret.of(enrol.get("secret").asText());
        long step = h.clock.instant().getEpochSecond() / 30;
        Response confirm = h.call("POST", "/api/me/2fa/totp/confirm", access, json("code", h.totp.codeFor(seed, step)));
        assertThat(confirm.status()).as(confirm.toString()).isEqualTo(200);
        List<String> codes = h.JSON.convertValue(confirm.json().get("recoveryCodes"), h.JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        assertThat(codes).hasSize(10);
        // Enabling 2FA ended the old session; the confirmation handed a new one.
        assertThat(h.call("GET", "/api/me", access, null).status()).isEqualTo(401);
        String fresh = confirm.json().get("tokens").get("accessToken").asText();
        assertThat(h.call("GET", "/api/me", fresh, null).json().get("twoFactorEnabled").asBoolean()).isTrue();

        JsonNode first = login(email, PASSWORD);
        assertThat(first.get("secondFactorRequired").asBoolean()).isTrue();
        assertThat(first.has("tokens")).isFalse();
        // The code of the confirmation step cannot be used again; the next step's can, once.
        String used = h.totp.codeFor(seed, step);
        assertThat(h.call("POST", "/api/auth/login/second-factor", null, json("challenge", first.get("challenge").asText(),
                "code", used)).status()).isEqualTo(401);
        String next = h.totp.codeFor(seed, step + 1);
        assertThat(h.call("POST", "/api/auth/login/second-factor", null, json("challenge", first.get("challenge").asText(),
                "code", next)).status()).isEqualTo(200);
        assertThat(h.call("POST", "/api/auth/login/second-factor", null, json("challenge", first.get("challenge").asText(),
                "code", next)).status()).isEqualTo(401);

        // Wrong codes: 5 are free (the replay above was the first), the 6th holds the user back (Retry-After), even
        // for a right code or a recovery code.
        String challenge = login(email, PASSWORD).get("challenge").asText();
        for (int i = 0; i < 5; i++) {
            assertThat(h.call("POST", "/api/auth/login/second-factor", null, json("challenge", challenge, "code", "000000")).status())
                    .isEqualTo(401);
        }
        Response held = h.call("POST", "/api/auth/login/second-factor", null, json("challenge", challenge, "code", h.totp.codeFor(seed, step + 1)));
        assertThat(held.status()).isEqualTo(429);
        assertThat(held.header("Retry-After")).isEqualTo("30");
        Response recovery = h.call("POST", "/api/auth/login/second-factor", null, json("challenge", challenge, "recoveryCode", codes.get(0)));
        assertThat(recovery.status()).isEqualTo(429);
        h.clock.advance(Duration.ofSeconds(31));
        try {
            Response ok = h.call("POST", "/api/auth/login/second-factor", null, json("challenge", challenge, "recoveryCode", codes.get(0)));
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        } finally {
            h.clock.advance(Duration.ofSeconds(-31));
        }
    }

    @Test
    void passwordLoginIsThrottledPerAccountWithRetryAfter() {
        String email = email();
        h.call("POST", "/api/auth/signup", null, json("email", email, "password", PASSWORD));
        for (int i = 0; i < 6; i++) {
            assertThat(h.call("POST", "/api/auth/login", null, json("email", email, "password", "nope nope nope")).status()).isEqualTo(401);
        }
        Response held = h.call("POST", "/api/auth/login", null, json("email", email, "password", PASSWORD));
        assertThat(held.status()).isEqualTo(429);
        assertThat(held.header("Retry-After")).isEqualTo("30");
        assertThat(held.json().get("type").asText()).isEqualTo("https://ethiq.app/problems/too-many-attempts");
    }

    @Test
    void stepUpIsRequiredForSensitiveSelfActionsAfterFiveMinutes() {
        String email = email();
        h.call("POST", "/api/auth/signup", null, json("email", email, "password", PASSWORD));
        String access = login(email, PASSWORD).get("tokens").get("accessToken").asText();
        h.clock.advance(Duration.ofMinutes(6));
        try {
            Response r = h.call("POST", "/api/me/2fa/totp", access, null);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).contains("insufficient_user_authentication").contains("max_age=300");
            JsonNode stepped = h.call("POST", "/api/auth/step-up", access, json("password", PASSWORD)).json();
            assertThat(h.call("POST", "/api/me/2fa/totp", stepped.get("accessToken").asText(), null).status()).isEqualTo(200);
        } finally {
            h.clock.advance(Duration.ofMinutes(-6));
        }
    }
}
