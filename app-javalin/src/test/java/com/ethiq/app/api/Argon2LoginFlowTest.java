package com.ethiq.app.api;

import static com.ethiq.app.api.ApiHarness.PASSWORD;
import static com.ethiq.app.api.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.api.ApiHarness.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sign-up and login through the real Argon2id hasher: stored PHC hash, same answer for unknown and wrong. */
class Argon2LoginFlowTest {
    private static ApiHarness h;

    @BeforeAll
    static void start() {
        h = new ApiHarness();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void signUpStoresAnArgon2idHashAndLoginWorks() {
        String email = "argon" + ApiHarness.nextSeq() + "@example.org";
        assertThat(h.call("POST", "/api/auth/signup", null, json("email", email, "password", PASSWORD)).status()).isEqualTo(202);
        assertThat(h.users.findByEmail(com.ethiq.core.management.identity.EmailAddress.of(email)).orElseThrow().passwordHash())
                .startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        Response login = h.call("POST", "/api/auth/login", null, json("email", email, "password", PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        assertThat(h.call("GET", "/api/me", login.json().get("tokens").get("accessToken").asText(), null).status()).isEqualTo(200);
        Response unknown = h.call("POST", "/api/auth/login", null, json("email", "nobody-" + email, "password", PASSWORD));
        Response wrong = h.call("POST", "/api/auth/login", null, json("email", email, "password", "wrong password"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
    }
}
