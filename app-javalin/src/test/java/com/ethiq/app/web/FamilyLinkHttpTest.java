package com.ethiq.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.fake.RecordingCallControl;
import com.ethiq.core.family.FamilyResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The family link over HTTP on a whole in-memory node: a GET (what a link scanner does) acts on nothing, unknown and
 * revoked links get the plain expiry page, a foreign origin cannot act, a double press joins once, members act through
 * the API with the same once rule, and 10,000 guessed tokens act on nothing and reveal nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FamilyLinkHttpTest {
    private static final Pattern LINK = Pattern.compile("/f/([A-Za-z0-9_-]{22})");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DashboardNode node;
    private static FamilyResponse family;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static Tenant tenant;
    private static List<EmergencyContact> contacts;
    private static CallSid call;

    @BeforeAll
    static void start() {
        node = new DashboardNode(Duration.ofMillis(60));
        family = node.app.assembly().core().family().orElseThrow();
        var adapters = node.app.assembly().adapters();
        tenant = adapters.tenants().findById(node.demo.id()).orElseThrow();
        adapters.tenants().updateSettings(tenant.id(), tenant.settings().withProtectedPhone(PhoneNumber.of("+33612345678")));
        tenant = adapters.tenants().findById(node.demo.id()).orElseThrow();
        contacts = adapters.contacts().list(tenant.id());
        call = liveScam();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static CallSid liveScam() {
        var calls = node.app.assembly().adapters().callLogs();
        CallSid sid = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
        calls.open(CallLog.started(tenant.id(), sid, "+33999888777", Instant.now(), CallProtection.PROTECTED));
        calls.updateState(tenant.id(), sid, CallState.IN_PROGRESS, Instant.now());
        calls.recordVerdict(tenant.id(), sid, new Verdict.Scam(0.9, ScamCategory.FAKE_BANK_ADVISER, List.of(), "code de carte demandé"));
        return sid;
    }

    /** The token of the link this contact's alert SMS would carry (stored as the alert recording does). */
    private static String linkFor(CallSid sid, EmergencyContact contact) {
        var sms = family.compose(tenant, contact, UUID.randomUUID(), sid, ScamCategory.FAKE_BANK_ADVISER, "", Instant.now());
        sms.store().run();
        assertThat(sms.message()).contains(node.baseUrl() + "/f/");
        Matcher m = LINK.matcher(sms.message());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(node.baseUrl().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.baseUrl().resolve(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The demo login (the account's owner) signed in through the API: its access token. */
    private static String demoOwnerAccessToken() throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(node.baseUrl().resolve("/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + node.demo.loginEmail() + "\",\"password\":\""
                        + DashboardNode.PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(login.body()).path("tokens").path("accessToken").asText();
    }

    private static String origin() {
        return "http://localhost:" + node.app.port();
    }

    @Test
    @Order(1)
    void aLinkScannersGetsShowThePageAndActOnNothing() throws Exception {
        String token = linkFor(call, contacts.get(0));
        int before = node.telephony.deliveries().size();

        HttpResponse<String> page = get("/f/" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/js/family/family.js").doesNotContain(token);
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
        HttpResponse<String> state = get("/api/family/" + token);
        assertThat(state.statusCode()).isEqualTo(200);
        JsonNode v = JSON.readTree(state.body());
        assertThat(v.path("protectedName").asText()).isEqualTo(tenant.displayName());
        assertThat(v.path("protectedPhone").asText()).isEqualTo("+33612345678");
        assertThat(v.path("live").asBoolean()).isTrue();
        assertThat(state.body()).doesNotContain("+33999888777", contacts.get(0).phone().e164());
        assertThat(get("/js/family/family.js").statusCode()).isEqualTo(200);

        assertThat(node.telephony.deliveries()).hasSize(before);
        assertThat(node.app.assembly().adapters().familyLinks().orElseThrow().actions(tenant.id(), call)).isEmpty();
    }

    @Test
    @Order(2)
    void unknownAndRevokedLinksGetThePlainExpiryPage() throws Exception {
        HttpResponse<String> unknown = get("/f/" + "A".repeat(22));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Ce lien n'est plus valable").doesNotContain(tenant.displayName());
        CallSid other = liveScam();
        String token = linkFor(other, contacts.get(0));
        assertThat(family.revokeLinks(tenant.id(), other, "user:test")).isEqualTo(1);
        HttpResponse<String> revoked = get("/f/" + token);
        assertThat(revoked.statusCode()).isEqualTo(410);
        assertThat(revoked.body()).isEqualTo(unknown.body());
        assertThat(get("/api/family/" + token).statusCode()).isEqualTo(410);
        assertThat(post("/api/family/" + token + "/actions/join", origin()).statusCode()).isEqualTo(410);
    }

    @Test
    @Order(3)
    void anotherOriginCannotAct() throws Exception {
        String token = linkFor(call, contacts.get(0));
        int before = node.telephony.deliveries().size();

        assertThat(post("/api/family/" + token + "/actions/join", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(post("/api/family/" + token + "/actions/end", null).statusCode()).isEqualTo(403);
        assertThat(node.telephony.deliveries()).hasSize(before);
    }

    @Test
    @Order(4)
    void joinPressedOnTwoPhonesAtOnceAddsOneParticipant() throws Exception {
        List<String> tokens = List.of(linkFor(call, contacts.get(0)), linkFor(call, contacts.get(1)));
        List<CompletableFuture<HttpResponse<String>>> presses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String token = tokens.get(i % 2);
            presses.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return post("/api/family/" + token + "/actions/join", origin());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<String> results = new ArrayList<>();
        for (var p : presses) {
            HttpResponse<String> r = p.get();
            assertThat(r.statusCode()).isEqualTo(200);
            results.add(JSON.readTree(r.body()).path("result").asText());
        }
        assertThat(results).containsOnlyOnce("done").containsOnly("done", "already-done");
        List<RecordingCallControl.RelativeJoined> joined = node.telephony.relativesJoined().stream()
                .filter(j -> j.conference().value().endsWith(call.value())).toList();
        assertThat(joined).singleElement().satisfies(j -> {
            assertThat(j.callerId().e164()).isEqualTo(tenant.twilioNumber().e164());
            assertThat(j.announcement()).contains(tenant.displayName());
        });
    }

    @Test
    @Order(6)
    void anOwnerRevokesACallsLinksThroughTheApiAndTheyShowTheExpiryPage() throws Exception {
        String access = demoOwnerAccessToken();
        CallSid sid = liveScam();
        String token = linkFor(sid, contacts.get(0));
        assertThat(get("/f/" + token).statusCode()).isEqualTo(200);
        HttpRequest revoke = HttpRequest.newBuilder(node.baseUrl().resolve("/api/accounts/" + tenant.id().value() + "/calls/"
                + sid.value() + "/family-links/revoke")).header("Authorization", "Bearer " + access)
                .POST(HttpRequest.BodyPublishers.noBody()).build();

        HttpResponse<String> revoked = http.send(revoke, HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).path("revoked").asInt()).isEqualTo(1);
        assertThat(get("/f/" + token).statusCode()).isEqualTo(410);
        assertThat(post("/api/family/" + token + "/actions/handling", origin()).statusCode()).isEqualTo(410);
        assertThat(JSON.readTree(http.send(revoke, HttpResponse.BodyHandlers.ofString()).body()).path("revoked").asInt()).isZero();
        HttpResponse<String> unknownCall = http.send(HttpRequest.newBuilder(node.baseUrl().resolve("/api/accounts/"
                + tenant.id().value() + "/calls/CA" + "0".repeat(32) + "/family-links/revoke")).header("Authorization", "Bearer " + access)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknownCall.statusCode()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void membersActThroughTheApiWithTheSameOnceRule() throws Exception {
        String access = demoOwnerAccessToken();
        CallSid sid = liveScam();
        String path = "/api/accounts/" + tenant.id().value() + "/calls/" + sid.value() + "/actions/handling";
        HttpRequest handling = HttpRequest.newBuilder(node.baseUrl().resolve(path)).header("Authorization", "Bearer " + access)
                .POST(HttpRequest.BodyPublishers.noBody()).build();

        HttpResponse<String> first = http.send(handling, HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("result").asText()).isEqualTo("done");
        assertThat(JSON.readTree(http.send(handling, HttpResponse.BodyHandlers.ofString()).body()).path("result").asText())
                .isEqualTo("already-done");
        // recorded in the outbox as "I'm on it" notices, delivered by the alert workers: one per contact, once
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (handlingSms(sid) < contacts.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(handlingSms(sid)).isEqualTo(contacts.size());
        HttpResponse<String> joinWithoutContact = http.send(HttpRequest.newBuilder(node.baseUrl().resolve(path.replace("handling", "join")))
                .header("Authorization", "Bearer " + access).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(joinWithoutContact.statusCode()).isEqualTo(400);
        String token = linkFor(sid, contacts.get(0));
        assertThat(JSON.readTree(get("/api/family/" + token).body()).path("handledBy").asText()).isNotEmpty();
    }

    @Test
    @Order(6)
    void theSimulatorPlaysARelativePressingJoinWhileTheCallIsLive() throws Exception {
        var scam = com.ethiq.app.sim.CallScript.bundled().stream().filter(s -> s.id().equals("faux-conseiller")).findFirst().orElseThrow();
        var ticks = java.util.concurrent.Executors.newScheduledThreadPool(2);
        try {
            var outcome = new com.ethiq.app.sim.CallSimulator(node.target(), http, ticks,
                    new com.ethiq.app.sim.CallSimulator.Pacing(Duration.ofMillis(300), Duration.ofSeconds(6), Duration.ofSeconds(8)))
                    .withRelativeJoining().run(scam);
            assertThat(outcome.fraudDetected()).isTrue();
            assertThat(outcome.heard()).anyMatch(h -> h.equals("relative pressed \"join\" on the family link: HTTP 200 done"));
            assertThat(outcome.report().path("simulatedDeliveries").findValuesAsText("kind")).contains("relative_joined");
            java.io.StringWriter printed = new java.io.StringWriter();
            java.io.PrintWriter out = new java.io.PrintWriter(printed);
            com.ethiq.app.cli.SimulateCommand.print(out, outcome);
            out.flush();
            assertThat(printed.toString()).contains("[simulated participant] relative", "tone on entry, announced: Un proche de");
            System.out.println(printed);
        } finally {
            ticks.shutdownNow();
        }
    }

    @Test
    @Order(99)
    void tenThousandGuessedTokensActOnNothingAndRevealNothing() throws Exception {
        String real = linkFor(call, contacts.get(0));
        int before = node.telephony.deliveries().size();
        int notFound = 0;
        int limited = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] b = new byte[16];
            java.util.concurrent.ThreadLocalRandom.current().nextBytes(b);
            String guess = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            HttpResponse<String> r = post("/api/family/" + guess + "/actions/end", origin());
            assertThat(r.body()).doesNotContain(tenant.displayName(), "view");
            if (r.statusCode() == 404) {
                notFound++;
            } else {
                assertThat(r.statusCode()).isEqualTo(429);
                limited++;
            }
        }
        assertThat(notFound + limited).isEqualTo(10_000);
        assertThat(limited).isGreaterThan(9_900);
        assertThat(node.telephony.deliveries()).hasSize(before);
        // the guessing source is now refused before any lookup, even with a real token: nothing is revealed to it
        assertThat(get("/api/family/" + real).statusCode()).isEqualTo(429);
        System.out.printf("guessing: %d not found, %d refused by the source's budget%n", notFound, limited);
    }

    private long handlingSms(CallSid sid) {
        return node.telephony.smsSent().stream().filter(s -> s.idempotencyKey().contains(sid.value() + ":family_handling:")).count();
    }
}
