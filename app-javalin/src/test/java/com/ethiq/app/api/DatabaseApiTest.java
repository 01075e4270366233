package com.ethiq.app.api;

import static com.ethiq.app.api.ApiHarness.PASSWORD;
import static com.ethiq.app.api.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.supabase.SupabaseStore;
import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.app.api.ApiHarness.Response;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The management API over the real adapters (embedded PostgreSQL, app and platform roles under row-level security):
 * sign-up to erasure, with the audit chain the database wrote verified in Java at the end.
 */
class DatabaseApiTest {
    private static DatabaseApiServer server;
    private static SupabaseStore store;

    @BeforeAll
    static void start() {
        server = DatabaseApiServer.start(ApiSettings.DEFAULT);
        store = server.store;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Response call(String method, String path, String token, String body) throws Exception {
        return server.call(method, path, token, body);
    }

    @Test
    void fromSignUpToErasureOnPostgres() throws Exception {
        String region = "Z" + (char) ('A' + (int) (Math.random() * 26));
        store.numberPool().add(TestDatabase.shared().uniqueNumber(), region);
        String email = "db" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        assertThat(call("POST", "/api/auth/signup", null, json("email", email, "password", PASSWORD)).status()).isEqualTo(202);
        JsonNode tokens = call("POST", "/api/auth/login", null, json("email", email, "password", PASSWORD)).json().get("tokens");
        String access = tokens.get("accessToken").asText();

        Response created = call("POST", "/api/accounts", access, json("displayName", "Mamie Lucie", "region", region,
                "sipAddress", "sip:lucie" + UUID.randomUUID().toString().substring(0, 8) + "@home.sip.twilio.com"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("active");
        TenantId tenant = TenantId.of(created.json().get("id").asText());
        String acc = "/api/accounts/" + tenant.value();

        assertThat(call("POST", acc + "/contacts", access, json("name", "Paul", "phone", "+33612340000")).status()).isEqualTo(201);
        assertThat(call("PATCH", acc + "/settings", access, json("language", "en", "scamThreshold", 0.8)).json().get("language").asText())
                .isEqualTo("en");
        assertThat(call("GET", acc + "/settings", access, null).json().get("blockedCallers").asText()).isEqualTo("reject");
        assertThat(call("PATCH", acc + "/settings", access, json("blockedCallers", "warn")).status()).isEqualTo(200);
        assertThat(call("GET", acc + "/settings", access, null).json().get("blockedCallers").asText()).isEqualTo("warn");
        assertThat(call("GET", acc + "/settings", access, null).json().get("speechGate").asBoolean()).isTrue();
        assertThat(call("PATCH", acc + "/settings", access, json("speechGate", false)).status()).isEqualTo(200);
        assertThat(call("GET", acc + "/settings", access, null).json().get("speechGate").asBoolean()).isFalse();
        assertThat(call("PUT", acc + "/credentials/ai", access, json("value", "sk-live-0000abcd")).json().get("ai").get("lastFour").asText())
                .isEqualTo("abcd");
        CallSid sid = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
        store.callLogs().open(CallLog.started(tenant, sid, "+33600000000", Instant.now(), CallProtection.PROTECTED));
        store.callLogs().appendSegment(tenant, sid, TranscriptSegment.finalText(Speaker.CALLER, 0, "Votre compte est bloqué"));
        assertThat(call("GET", acc + "/calls/" + sid.value(), access, null).json().get("transcript").get(0).get("text").asText())
                .contains("bloqué");

        // a second user: invited, joins as viewer, cannot change settings; a stranger gets 404
        String email2 = "db" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String token = call("POST", acc + "/invitations", access, json("email", email2, "role", "viewer")).json().get("token").asText();
        call("POST", "/api/auth/signup", null, json("email", email2, "password", PASSWORD));
        String access2 = call("POST", "/api/auth/login", null, json("email", email2, "password", PASSWORD)).json()
                .get("tokens").get("accessToken").asText();
        assertThat(call("GET", acc, access2, null).status()).isEqualTo(404);
        assertThat(call("POST", "/api/invitations/accept", access2, json("token", token)).status()).isEqualTo(200);
        assertThat(call("GET", acc + "/members", access2, null).json().get("items")).hasSize(2);
        assertThat(call("PATCH", acc + "/settings", access2, json("language", "fr")).status()).isEqualTo(403);

        // refresh rotation and reuse detection on the real store
        String r1 = tokens.get("refreshToken").asText();
        JsonNode r2 = call("POST", "/api/auth/refresh", null, json("refreshToken", r1)).json();
        assertThat(call("POST", "/api/auth/refresh", null, json("refreshToken", r1)).status()).isEqualTo(401);
        assertThat(call("GET", "/api/me", r2.get("accessToken").asText(), null).status()).isEqualTo(401);
        access = call("POST", "/api/auth/login", null, json("email", email, "password", PASSWORD)).json().get("tokens").get("accessToken").asText();

        JsonNode verify = call("POST", acc + "/audit/verify", access, null).json();
        assertThat(verify.get("intact").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.get("eventsChecked").asLong()).isGreaterThanOrEqualTo(7);

        Response erased = call("DELETE", acc, access, null);
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.json().get("erased").get("emergency_contacts").asInt()).isEqualTo(1);
        assertThat(call("GET", acc, access, null).status()).isEqualTo(404);
        assertThat(call("GET", "/api/accounts", access2, null).json().get("items")).isEmpty();
    }
}
