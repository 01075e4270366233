package com.ethiq.app.api;

import static com.ethiq.app.api.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.api.ApiHarness.Response;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.fake.InsecureFastPasswordHasher;
import com.ethiq.core.management.identity.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Validation, size caps, mass assignment, write-only secrets, CSV safety, paging, audit and chain verification. */
class ApiBehaviourTest {
    private static ApiHarness h;
    private static MatrixFixture.Callers callers;

    @BeforeAll
    static void start() {
        h = new ApiHarness(ApiSettings.DEFAULT.withAuthRequestsPerMinutePerIp(100_000), new InsecureFastPasswordHasher());
        callers = new MatrixFixture.Callers(h);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String owner() {
        return callers.ownerTokens.access().value();
    }

    @Test
    void unknownFieldsAreA400NamingTheFieldAndChangeNothing() {
        MatrixFixture f = new MatrixFixture(h, callers);
        String path = "/api/accounts/" + f.account.value();
        Response r = h.call("PATCH", path + "/settings", owner(), "{\"language\":\"en\",\"accountId\":\"" + java.util.UUID.randomUUID() + "\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).isEqualTo("unknown field 'accountId'");
        assertThat(h.tenants.findById(f.account).orElseThrow().settings().language().code()).isEqualTo("fr");
        Response role = h.call("PATCH", "/api/me", owner(), json("displayName", "X", "role", "owner"));
        assertThat(role.status()).isEqualTo(400);
        Response op = h.call("PATCH", "/api/me", owner(), json("displayName", "X", "operator", true));
        assertThat(op.status()).isEqualTo(400);
        assertThat(h.users.findById(callers.owner.id()).orElseThrow().operator()).isFalse();
    }

    @Test
    void malformedBodiesAreClear400s() {
        MatrixFixture f = new MatrixFixture(h, callers);
        String contacts = "/api/accounts/" + f.account.value() + "/contacts";
        assertThat(h.call("POST", contacts, owner(), "{\"name\":").json().get("detail").asText()).isEqualTo("malformed JSON");
        assertThat(h.call("POST", contacts, owner(), "{\"name\":[1],\"phone\":\"+33612345678\"}").json().get("detail").asText())
                .isEqualTo("'name' has the wrong type or is missing");
        // national numbers are accepted now (PhoneNumbersApiTest); one that is no number of the country is still a 400
        Response e164 = h.call("POST", contacts, owner(), json("name", "Paul", "phone", "06 12 34"));
        assertThat(e164.status()).isEqualTo(400);
        assertThat(e164.json().get("detail").asText()).contains("not a valid phone number");
        assertThat(e164.json().at("/errors/0/code").asText()).isEqualTo("phone_invalid");
        assertThat(h.call("POST", contacts, owner(), null).json().get("detail").asText()).contains("send the body as application/json");
        assertThat(h.call("POST", contacts, owner(), "", "application/json").json().get("detail").asText()).isEqualTo("a JSON body is required");
        assertThat(h.call("POST", contacts, owner(), json("name", "Paul", "phone", "+33612345678"), "text/plain").status()).isEqualTo(415);
        assertThat(h.call("POST", contacts, owner(), "{\"name\":\"a\",\"name\":\"b\",\"phone\":\"+33612345678\"}").status()).isEqualTo(400);
        assertThat(h.call("GET", "/api/accounts/" + f.account.value() + "/calls?limit=0", owner(), null).status()).isEqualTo(400);
        assertThat(h.call("GET", "/api/accounts/not-a-uuid", owner(), null).status()).isEqualTo(404);
    }

    @Test
    void bodiesOverTheCapAre413() {
        MatrixFixture f = new MatrixFixture(h, callers);
        String big = json("name", "x".repeat(70_000), "phone", "+33612345678");
        Response r = refusedBody(() -> h.call("POST", "/api/accounts/" + f.account.value() + "/contacts", owner(), big));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        // Jetty answers 413 and may close the connection before the client has finished writing the body; the JDK
        // client then sees no response at all. Either way the oversized body was refused unread.
        try {
            assertThat(h.call("POST", "/api/auth/login", null, big).status()).isEqualTo(413);
        } catch (IllegalStateException refusedUnread) {
            assertThat(refusedUnread).hasRootCauseInstanceOf(java.io.IOException.class);
        }
    }

    /**
     * Jetty answers 413 without reading the body and closes; the close can reset the connection before the client
     * reads the answer ("received no bytes"). A real refusal is still a refusal: try a few times until the answer
     * itself is read, so its status and problem type are checked rather than assumed.
     */
    private static Response refusedBody(java.util.function.Supplier<Response> call) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return call.get();
            } catch (IllegalStateException resetBeforeRead) {
                assertThat(resetBeforeRead).hasRootCauseInstanceOf(java.io.IOException.class);
                last = resetBeforeRead;
            }
        }
        throw last;
    }

    @Test
    void credentialsAreWriteOnly() {
        MatrixFixture f = new MatrixFixture(h, callers);
        String base = "/api/accounts/" + f.account.value() + "/credentials";
        Response set = h.call("PUT", base + "/telephony", owner(), json("accountSid", "AC" + "a1".repeat(16), "authToken", "super-secret-token-7788"));
        assertThat(set.status()).isEqualTo(200);
        Response get = h.call("GET", base, owner(), null);
        assertThat(get.body()).doesNotContain("super-secret-token").doesNotContain("sk-test-abcd1234");
        assertThat(get.json().get("telephony").get("set").asBoolean()).isTrue();
        assertThat(get.json().get("telephony").get("lastFour").asText()).isEqualTo("7788");
        assertThat(get.json().get("speech").get("set").asBoolean()).isFalse();
        assertThat(h.audit.events(f.account)).filteredOn(e -> e.action().startsWith("credentials"))
                .allMatch(e -> !e.details().toString().contains("super-secret"));
    }

    @Test
    void monthlyUsageSetsBilledSpeechAgainstProtectedCallTime() {
        MatrixFixture f = new MatrixFixture(h, callers);
        java.time.Instant at = java.time.Instant.parse("2025-05-14T10:00:00Z");
        CallSid sid = CallSid.of("CAusage0001");
        java.util.function.ObjLongConsumer<UsageKind> record = (kind, quantity) ->
                h.usage.record(new UsageEvent(java.util.UUID.randomUUID(), f.account, sid, kind, quantity, at, "test"));
        record.accept(UsageKind.CALLS, 1);
        record.accept(UsageKind.SPEECH_MILLIS, 95_500);
        record.accept(UsageKind.CALL_MILLIS, 120_200);
        Response r = h.call("GET", "/api/accounts/" + f.account.value() + "/usage?month=2025-05", owner(), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("calls").asLong()).isEqualTo(1);
        assertThat(r.json().get("speechSeconds").asLong()).isEqualTo(96); // whole seconds, rounded up
        assertThat(r.json().get("callSeconds").asLong()).isEqualTo(121);
        Response csv = h.call("GET", "/api/accounts/" + f.account.value() + "/usage/export?month=2025-05", owner(), null);
        assertThat(csv.body()).contains("\"call_millis\",\"120200\",\"ms\"");
    }

    @Test
    void csvExportNeutralisesFormulas() {
        MatrixFixture f = new MatrixFixture(h, callers);
        Response r = h.call("GET", "/api/accounts/" + f.account.value() + "/usage/export?month=2025-03", owner(), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=\"usage-");
        assertThat(r.body()).contains("\"'=cmd|' /C calc'!A0\"").doesNotContain(",\"=cmd");
        assertThat(r.body().split("\r\n")).hasSize(2);
        assertThat(CsvWriter.escape("+1")).isEqualTo("'+1");
        assertThat(CsvWriter.escape("-2")).isEqualTo("'-2");
        assertThat(CsvWriter.escape("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvWriter.escape("\t=x")).isEqualTo("'\t=x");
        assertThat(CsvWriter.escape("a\"b")).isEqualTo("a\"\"b");
        assertThat(new String(new CsvWriter().row(java.util.List.of("a")).bytes(), StandardCharsets.UTF_8)).startsWith("\uFEFF");
    }

    @Test
    void callsArePagedAndTheDetailReadIsAuditedWithWhoAndFromWhere() {
        MatrixFixture f = new MatrixFixture(h, callers);
        for (int i = 0; i < 25; i++) {
            h.callLogs.open(CallLog.started(f.account, CallSid.of("CApage" + ApiHarness.nextSeq()), "+33600000001",
                    h.clock.instant().minusSeconds(3600 + i * 60L), CallProtection.PROTECTED));
        }
        String base = "/api/accounts/" + f.account.value() + "/calls";
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = h.call("GET", base + "?limit=10" + (cursor == null ? "" : "&before=" + cursor), owner(), null).json();
            page.get("items").forEach(i -> seen.add(i.get("callSid").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).hasSize(26);
        JsonNode detail = h.call("GET", base + "/" + f.callSid.value(), owner(), null).json();
        assertThat(detail.get("transcript").get(0).get("text").asText()).contains("conseiller bancaire");
        AuditEvent read = h.audit.events(f.account).stream().filter(e -> e.action().equals("call.transcript_read")).findFirst().orElseThrow();
        assertThat(read.actor()).isEqualTo("user:" + callers.owner.id());
        assertThat(read.target()).isEqualTo(f.callSid.value());
        assertThat(read.ip()).isEqualTo("127.0.0.1");
        assertThat(read.userAgent()).isEqualTo("JUnit");
        assertThat(read.details().toString()).doesNotContain("conseiller");
    }

    @Test
    void theCallDetailShowsTheCarriersCallerIdVerificationWhenThereIsOne() {
        MatrixFixture f = new MatrixFixture(h, callers);
        CallSid verified = CallSid.of("CAstir" + ApiHarness.nextSeq());
        h.callLogs.open(CallLog.started(f.account, verified, "+12025550143", h.clock.instant(), CallProtection.PROTECTED, "failed"));
        String base = "/api/accounts/" + f.account.value() + "/calls/";

        assertThat(h.call("GET", base + verified.value(), owner(), null).json().get("callerVerification").asText()).isEqualTo("failed");
        assertThat(h.call("GET", base + f.callSid.value(), owner(), null).json().hasNonNull("callerVerification")).isFalse();
    }

    @Test
    void operatorsPublishTheInstitutionDirectoryValidatedAndAuditedAndNobodyElseMay() {
        String op = callers.operatorTokens.access().value();
        String text = "@version api-" + ApiHarness.nextSeq() + "\n[la_poste]\nname = La Poste\nclaims = fake_health_or_parcel\n"
                + "aliases = la poste\nnumbers = +33969396969\n";

        assertThat(h.call("PUT", "/api/platform/institutions", owner(), json("text", text)).status()).isEqualTo(403);
        assertThat(h.call("PUT", "/api/platform/institutions", op, json("text", text.replace("+33969396969", "3631"))).status())
                .isEqualTo(400);
        JsonNode published = h.call("PUT", "/api/platform/institutions", op, json("text", text)).json();
        assertThat(published.get("institutions").asInt()).isEqualTo(1);
        assertThat(h.call("PUT", "/api/platform/institutions", op, json("text", text)).status()).isEqualTo(409);

        JsonNode current = h.call("GET", "/api/platform/institutions", op, null).json();
        assertThat(current.get("version").asText()).isEqualTo(published.get("version").asText());
        assertThat(current.get("source").asText()).startsWith("operator:");
        assertThat(h.audit.all()).filteredOn(e -> e.action().equals("institutions.published")).isNotEmpty();
    }

    @Test
    void operatorsSeeMaskedNumbersAndTheirAccessIsAudited() {
        MatrixFixture f = new MatrixFixture(h, callers);
        JsonNode page = h.call("GET", "/api/accounts/" + f.account.value() + "/calls", callers.operatorTokens.access().value(), null).json();
        assertThat(page.get("items").get(0).get("caller").asText()).isEqualTo("+33*******78");
        assertThat(h.audit.events(f.account)).extracting(AuditEvent::action).contains("operator.access");
    }

    @Test
    void theBlockChoiceIsRejectByDefaultAndTheOwnerCanChooseWarn() {
        MatrixFixture f = new MatrixFixture(h, callers);
        String base = "/api/accounts/" + f.account.value();
        assertThat(h.call("GET", base + "/settings", owner(), null).json().get("blockedCallers").asText()).isEqualTo("reject");
        Response r = h.call("PATCH", base + "/settings", owner(), json("blockedCallers", "warn"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("blockedCallers").asText()).isEqualTo("warn");
        assertThat(h.tenants.findById(f.account).orElseThrow().settings().blockedCallers())
                .isEqualTo(com.ethiq.core.domain.CallerListing.BLOCKED_WARN);
    }

    @Test
    void theSpeechGateIsOnByDefaultAndTheOwnerCanTurnItOffWhichIsAudited() {
        MatrixFixture f = new MatrixFixture(h, callers);
        String base = "/api/accounts/" + f.account.value();
        assertThat(h.call("GET", base + "/settings", owner(), null).json().get("speechGate").asBoolean()).isTrue();
        Response r = h.call("PATCH", base + "/settings", owner(), json("speechGate", false));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("speechGate").asBoolean()).isFalse();
        assertThat(h.tenants.findById(f.account).orElseThrow().settings().speechGate()).isFalse();
        assertThat(h.audit.events(f.account)).filteredOn(e -> e.action().equals("settings.updated"))
                .anyMatch(e -> "speechGate".equals(e.details().get("fields")));
        assertThat(h.call("PATCH", base + "/settings", owner(), json("speechGate", "nope")).status()).isEqualTo(400);
        assertThat(h.call("PATCH", base + "/settings", owner(), json("speechGate", true)).json().get("speechGate").asBoolean()).isTrue();
    }

    @Test
    void everyMutationIsAudited() {
        MatrixFixture f = new MatrixFixture(h, callers);
        String base = "/api/accounts/" + f.account.value();
        h.call("POST", base + "/contacts", owner(), json("name", "Léa", "phone", "+33611112222"));
        h.call("PATCH", base + "/settings", owner(), json("scamThreshold", 0.8));
        h.call("PATCH", base + "/members/" + f.extraMember.id(), owner(), json("role", "admin"));
        h.call("POST", base + "/invitations", owner(), json("email", "new@example.org", "role", "viewer"));
        h.call("POST", base + "/suspend", owner(), null);
        assertThat(h.audit.events(f.account)).extracting(AuditEvent::action)
                .contains("contact.added", "settings.updated", "member.role_changed", "member.invited", "account.suspended");
        assertThat(h.memberships.find(f.account, f.extraMember.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void theAuditChainVerifiesAndATamperIsReportedWithItsSequence() {
        MatrixFixture f = new MatrixFixture(h, callers);
        String base = "/api/accounts/" + f.account.value();
        for (int i = 0; i < 5; i++) {
            h.call("PATCH", base + "/settings", owner(), json("aiDailyRequestBudget", 100 + i));
        }
        JsonNode ok = h.call("POST", base + "/audit/verify", owner(), null).json();
        assertThat(ok.get("intact").asBoolean()).isTrue();
        long head = ok.get("headSequence").asLong();
        String headHash = ok.get("headHash").asText();
        assertThat(head).isEqualTo(5);

        // An attacker with database rights rewrites who did event 3.
        h.audit.tamper(f.account, 3, e -> new AuditEvent(e.id(), e.tenant(), "user:someone-else", e.action(), e.target(),
                e.ip(), e.userAgent(), e.at(), e.details()));
        JsonNode broken = h.call("POST", base + "/audit/verify", owner(), null).json();
        assertThat(broken.get("intact").asBoolean()).isFalse();
        assertThat(broken.get("brokenAt").asLong()).isEqualTo(3);
        assertThat(broken.get("problem").asText()).contains("hash");

        Response anchored = h.call("POST", base + "/audit/verify", owner(), json("anchorSequence", head, "anchorHash", headHash));
        assertThat(anchored.json().get("intact").asBoolean()).isFalse();
        assertThat(h.call("POST", base + "/audit/verify", owner(), json("anchorSequence", 1)).status()).isEqualTo(400);

        JsonNode list = h.call("GET", base + "/audit?limit=3", owner(), null).json();
        assertThat(list.get("items")).hasSize(3);
        assertThat(list.get("items").get(0).get("hash").asText()).hasSize(64);
        assertThat(list.get("nextCursor").asText()).isNotBlank();
    }

    @Test
    void accountCreationWithoutAFreeNumberIsA503WithRetryAfter() {
        MatrixFixture.Fresh u = new MatrixFixture(h, callers).freshSelf(MatrixFixture.Caller.STRANGER);
        Response r = h.call("POST", "/api/accounts", u.access(), json("displayName", "Mamie", "region", "BE",
                "sipAddress", "sip:none" + ApiHarness.nextSeq() + "@x.sip.twilio.com"));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("3600");
        assertThat(r.json().get("type").asText()).endsWith("/no-number-available");
        assertThat(h.call("GET", "/api/accounts", u.access(), null).json().get("items")).isEmpty();
    }

    @Test
    void aRemovedMemberLosesAccessOnTheNextRequest() {
        MatrixFixture f = new MatrixFixture(h, callers);
        MatrixFixture.Fresh admin = f.freshSelf(MatrixFixture.Caller.ADMIN);
        String path = "/api/accounts/" + f.account.value() + "/contacts";
        assertThat(h.call("GET", path, admin.access(), null).status()).isEqualTo(200);
        assertThat(h.call("DELETE", "/api/accounts/" + f.account.value() + "/members/" + admin.user().id(), owner(), null).status())
                .isEqualTo(204);
        assertThat(h.call("GET", path, admin.access(), null).status()).isEqualTo(404);
    }

    @Test
    void authEndpointsHaveARawRequestBudgetPerIp() {
        try (ApiHarness tight = new ApiHarness(ApiSettings.DEFAULT.withAuthRequestsPerMinutePerIp(3), new InsecureFastPasswordHasher())) {
            for (int i = 0; i < 3; i++) {
                assertThat(tight.call("POST", "/api/auth/refresh", null, json("refreshToken", "x".repeat(43))).status()).isEqualTo(401);
            }
            Response r = tight.call("POST", "/api/auth/refresh", null, json("refreshToken", "x".repeat(43)));
            assertThat(r.status()).isEqualTo(429);
            assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 60);
        }
    }
}
