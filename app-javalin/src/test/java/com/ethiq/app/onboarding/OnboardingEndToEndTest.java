package com.ethiq.app.onboarding;

import static com.ethiq.app.onboarding.OnboardingNode.PLATFORM_SID;
import static com.ethiq.app.onboarding.OnboardingNode.PLATFORM_TOKEN;
import static com.ethiq.app.onboarding.OnboardingNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.adapter.twilio.fake.Fault;
import com.ethiq.app.calls.CallPathHarness;
import com.ethiq.app.onboarding.OnboardingNode.Response;
import com.ethiq.app.sim.TwilioSignature;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.management.identity.User;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant onboarding end to end over HTTP: operators fill the pool through the management API, sign-ups race for
 * numbers, assigned numbers are configured at the (fake) Twilio with this deployment's URLs and the platform
 * account, webhooks of onboarded numbers verify with that account's token, cancel resets and quarantines
 * (ETHIQ_NUMBER_QUARANTINE=P7D, clock moved by hand), and reconciliation finds and repairs a number reconfigured
 * behind our back. Each test uses its own pool region, so they share one node and database.
 */
class OnboardingEndToEndTest {
    private static final String PUBLIC = CallPathHarness.PUBLIC_BASE;
    private static final AtomicInteger NUMBERS = new AtomicInteger(1000);
    private static OnboardingNode node;
    private static String operator;

    @BeforeAll
    static void start() {
        node = new OnboardingNode(Map.of("ETHIQ_NUMBER_QUARANTINE", "P7D"));
        operator = node.login(node.newUser(true));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String newNumber() {
        return "+339755" + String.format("%05d", NUMBERS.incrementAndGet());
    }

    private static FakeTwilioApi.FakeIncomingNumber atTwilio(String e164) {
        return node.twilio.incomingNumbers(PLATFORM_SID).stream().filter(n -> n.e164().equals(e164)).findFirst().orElseThrow();
    }

    /** Imports a number the platform account owns into {@code region}; returns its Twilio sid. */
    private static String importNumber(String region, String e164) {
        String sid = node.twilio.addIncomingNumber(PLATFORM_SID, e164);
        Response r = node.call("POST", "/api/platform/numbers/imports", operator, json("region", region, "numbers", List.of(e164)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return sid;
    }

    private static Response createAccount(String token, String region) {
        return node.call("POST", "/api/accounts", token, json("displayName", "Mamie", "region", region,
                "sipAddress", "sip:mamie" + NUMBERS.incrementAndGet() + "@home.sip.twilio.com", "language", "fr"));
    }

    private static void assertOurWebhooks(FakeTwilioApi.FakeIncomingNumber n) {
        assertThat(n.voiceUrl()).isEqualTo(PUBLIC + "/twilio/voice");
        assertThat(n.statusCallback()).isEqualTo(PUBLIC + "/twilio/call-status");
        assertThat(n.smsUrl()).isEqualTo(PUBLIC + "/twilio/sms");
    }

    @Test
    void operatorsFillThePoolOverHttpAndTenantAdminsCannot() {
        String region = "FR-P";
        String offered = newNumber();
        String offered2 = newNumber();
        node.twilio.addAvailableNumber("FR", offered, "Ile-de-France", "Paris");
        node.twilio.addAvailableNumber("FR", offered2, "Ile-de-France", "Paris");

        Response search = node.call("GET", "/api/platform/numbers/available?country=FR&area=Ile-de-France&limit=10", operator, null);
        assertThat(search.status()).as(search.toString()).isEqualTo(200);
        assertThat(search.json().get("items").findValuesAsText("number")).contains(offered, offered2);

        Response bought = node.call("POST", "/api/platform/numbers/purchases", operator, json("region", region, "numbers", List.of(offered)));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(201);
        assertThat(bought.json().get("added").get(0).asText()).isEqualTo(offered);
        // bought on the platform account with our webhooks already set (a free pool number reaching us is rejected)
        assertOurWebhooks(atTwilio(offered));
        assertThat(node.twilio.requests(q -> q.method().equals("POST") && q.path().endsWith("/IncomingPhoneNumbers.json")))
                .allSatisfy(q -> assertThat(q.authUser()).isEqualTo(PLATFORM_SID));

        Response byCount = node.call("POST", "/api/platform/numbers/purchases", operator,
                json("region", region, "country", "FR", "area", "Ile-de-France", "count", 1));
        assertThat(byCount.status()).as(byCount.toString()).isEqualTo(201);
        assertThat(byCount.json().get("added").get(0).asText()).isEqualTo(offered2);

        String owned = newNumber();
        importNumber(region, owned);
        Response notOwned = node.call("POST", "/api/platform/numbers/imports", operator, json("region", region, "numbers", List.of(newNumber())));
        assertThat(notOwned.status()).isEqualTo(400);
        assertThat(notOwned.json().get("detail").asText()).contains("not owned by the platform account");

        Response pool = node.call("GET", "/api/platform/numbers?region=" + region + "&state=free", operator, null);
        assertThat(pool.status()).isEqualTo(200);
        assertThat(pool.json().get("items").findValuesAsText("number")).containsExactlyInAnyOrder(offered, offered2, owned);
        assertThat(pool.json().get("counts").get("free").asInt()).isEqualTo(3);

        // a tenant's owner and admin (not operators) are refused everywhere, and nothing reaches Twilio
        User owner = node.newUser(false);
        User admin = node.newUser(false);
        String ownerToken = node.login(owner);
        importNumber("FR-P2", newNumber());
        Response created = createAccount(ownerToken, "FR-P2");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        node.management.stores().memberships().add(new com.ethiq.core.management.identity.Membership(
                new com.ethiq.core.domain.TenantId(java.util.UUID.fromString(created.json().get("id").asText())), admin.id(), Role.ADMIN,
                node.clock.instant()));
        String adminToken = node.login(admin);
        String another = newNumber();
        node.twilio.addAvailableNumber("FR", another, "Ile-de-France", "Paris");
        long purchasesBefore = node.twilio.count("POST", "/IncomingPhoneNumbers.json");
        for (String token : List.of(ownerToken, adminToken)) {
            assertThat(node.call("GET", "/api/platform/numbers", token, null).status()).isEqualTo(403);
            assertThat(node.call("GET", "/api/platform/numbers/available?country=FR", token, null).status()).isEqualTo(403);
            Response refused = node.call("POST", "/api/platform/numbers/purchases", token, json("region", region, "numbers", List.of(another)));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("type").asText()).endsWith("forbidden");
            assertThat(node.call("POST", "/api/platform/numbers/imports", token, json("region", region, "numbers", List.of(owned))).status()).isEqualTo(403);
            assertThat(node.call("POST", "/api/platform/numbers/reconciliation?repair=true", token, null).status()).isEqualTo(403);
        }
        assertThat(node.call("GET", "/api/platform/numbers", null, null).status()).isEqualTo(401);
        assertThat(node.twilio.count("POST", "/IncomingPhoneNumbers.json")).isEqualTo(purchasesBefore);
    }

    @Test
    void twoConcurrentSignUpsForTheLastNumberOneWinsTheOtherIsToldClearly() throws Exception {
        String region = "FR-R";
        String only = newNumber();
        importNumber(region, only);
        List<String> tokens = List.of(node.login(node.newUser(false)), node.login(node.newUser(false)));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (String t : tokens) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return createAccount(t, region);
                }));
            }
            go.countDown();
            List<Response> rs = new ArrayList<>();
            for (Future<Response> f : answers) {
                rs.add(f.get());
            }
            List<Response> won = rs.stream().filter(r -> r.status() == 201).toList();
            List<Response> lost = rs.stream().filter(r -> r.status() != 201).toList();
            assertThat(won).as(rs.toString()).hasSize(1);
            assertThat(won.get(0).json().get("phoneNumber").asText()).isEqualTo(only);
            assertThat(won.get(0).json().get("status").asText()).isEqualTo("active");
            assertThat(lost).hasSize(1);
            assertThat(lost.get(0).status()).isEqualTo(503);
            assertThat(lost.get(0).json().get("type").asText()).endsWith("no-number-available");
            assertThat(lost.get(0).json().get("detail").asText()).contains(region);

            // the loser tries again once an operator added a number: it gets the other one
            String second = newNumber();
            importNumber(region, second);
            String loserToken = tokens.get(rs.indexOf(lost.get(0)));
            Response retry = createAccount(loserToken, region);
            assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
            assertThat(retry.json().get("phoneNumber").asText()).isEqualTo(second);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void assignedNumberIsConfiguredWithOurUrlsAndThePlatformAccountAndStaysProvisioningUntilLive() {
        String region = "FR-W";
        String number = newNumber();
        String sid = importNumber(region, number);
        assertThat(atTwilio(number).voiceUrl()).isNull();
        // Twilio fails the configuration: the account exists but is not live
        node.twilio.inject(Fault.on("POST", "/IncomingPhoneNumbers/" + sid + ".json").times(10).respond(500, 20500));
        String owner = node.login(node.newUser(false));
        Response created = createAccount(owner, region);
        node.twilio.clearFaults();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("provisioning");
        String account = created.json().get("id").asText();
        assertThat(node.call("GET", "/api/accounts/" + account, owner, null).json().get("status").asText()).isEqualTo("provisioning");
        assertThat(node.call("GET", "/api/accounts", owner, null).json().get("items").get(0).get("status").asText()).isEqualTo("provisioning");

        // the durable retry (the job's pass) makes it live
        assertThat(node.onboarding().provisioning().retryPending()).isEqualTo(1);
        assertThat(node.call("GET", "/api/accounts/" + account, owner, null).json().get("status").asText()).isEqualTo("active");
        assertOurWebhooks(atTwilio(number));
        List<FakeTwilioApi.RecordedRequest> configures = node.twilio.requests(q -> q.method().equals("POST")
                && q.path().endsWith("/IncomingPhoneNumbers/" + sid + ".json") && q.status() == 200);
        assertThat(configures).isNotEmpty().allSatisfy(q -> {
            assertThat(q.authUser()).isEqualTo(PLATFORM_SID);
            assertThat(q.pathAccount()).isEqualTo(PLATFORM_SID);
            assertThat(q.param("VoiceUrl")).isEqualTo(PUBLIC + "/twilio/voice");
            assertThat(q.param("StatusCallback")).isEqualTo(PUBLIC + "/twilio/call-status");
            assertThat(q.param("SmsUrl")).isEqualTo(PUBLIC + "/twilio/sms");
        });

        // Twilio signs this number's webhooks with the platform token: the call path accepts them, and only them
        Map<String, String> call = new LinkedHashMap<>();
        call.put("AccountSid", PLATFORM_SID);
        call.put("CallSid", "CA" + "1".repeat(32));
        call.put("From", "+33612345678");
        call.put("To", number);
        Response voice = node.webhook("/twilio/voice", call, TwilioSignature.sign(PLATFORM_TOKEN, PUBLIC + "/twilio/voice", call));
        assertThat(voice.status()).as(voice.toString()).isEqualTo(200);
        assertThat(voice.body()).contains("wss://voice.ethiq.test/twilio/media").doesNotContain("ws://", "http://");
        assertThat(node.webhook("/twilio/voice", call, TwilioSignature.sign("not-the-token", PUBLIC + "/twilio/voice", call)).status())
                .isEqualTo(403);

        Map<String, String> sms = new LinkedHashMap<>();
        sms.put("AccountSid", PLATFORM_SID);
        sms.put("MessageSid", "SM" + "2".repeat(32));
        sms.put("From", "+33612345678");
        sms.put("To", number);
        sms.put("Body", "bonjour");
        Response signed = node.webhook("/twilio/sms", sms, TwilioSignature.sign(PLATFORM_TOKEN, PUBLIC + "/twilio/sms", sms));
        assertThat(signed.status()).isEqualTo(200);
        assertThat(signed.body()).endsWith("<Response/>");
        assertThat(node.webhook("/twilio/sms", sms, TwilioSignature.sign("forged", PUBLIC + "/twilio/sms", sms)).status()).isEqualTo(403);
        assertThat(node.webhook("/twilio/sms", sms, null).status()).isEqualTo(403);
        Map<String, String> tampered = new LinkedHashMap<>(sms);
        tampered.put("Body", "changed after signing");
        assertThat(node.webhook("/twilio/sms", tampered, TwilioSignature.sign(PLATFORM_TOKEN, PUBLIC + "/twilio/sms", sms)).status())
                .isEqualTo(403);
    }

    @Test
    void cancelResetsTheWebhooksAndTheNumberWaitsOutItsQuarantine() {
        String region = "FR-Q";
        String number = newNumber();
        importNumber(region, number);
        User first = node.newUser(false);
        String firstToken = node.login(first);
        Response created = createAccount(firstToken, region);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertOurWebhooks(atTwilio(number));
        String account = created.json().get("id").asText();

        Response cancelled = node.call("POST", "/api/accounts/" + account + "/cancel", firstToken, null);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.json().has("phoneNumber") && !cancelled.json().get("phoneNumber").isNull()).isFalse();
        FakeTwilioApi.FakeIncomingNumber reset = atTwilio(number);
        assertThat(reset.voiceUrl()).isNullOrEmpty();
        assertThat(reset.statusCallback()).isNullOrEmpty();
        assertThat(reset.smsUrl()).isNullOrEmpty();
        JsonNode pooled = node.call("GET", "/api/platform/numbers?region=" + region, operator, null).json().get("items").get(0);
        assertThat(pooled.get("state").asText()).isEqualTo("quarantined");
        assertThat(pooled.get("availableAt").asText()).isEqualTo(node.clock.instant().plus(Duration.ofDays(7)).toString());

        // not reassigned during the quarantine...
        Response tooEarly = createAccount(node.login(node.newUser(false)), region);
        assertThat(tooEarly.status()).isEqualTo(503);
        node.clock.advance(Duration.ofDays(7).minusMinutes(1));
        Response stillTooEarly = createAccount(node.login(node.newUser(false)), region);
        assertThat(stillTooEarly.status()).isEqualTo(503);
        // ...and reassigned (and configured again) after it
        node.clock.advance(Duration.ofMinutes(2));
        operator = node.login(node.newUser(true)); // tokens issued before the clock moved have expired
        Response later = createAccount(node.login(node.newUser(false)), region);
        assertThat(later.status()).as(later.toString()).isEqualTo(201);
        assertThat(later.json().get("phoneNumber").asText()).isEqualTo(number);
        assertThat(later.json().get("status").asText()).isEqualTo("active");
        assertOurWebhooks(atTwilio(number));
    }

    @Test
    void reconciliationReportsANumberReconfiguredBehindOurBackAndRepairsItWhenAsked() throws Exception {
        String region = "FR-D";
        String number = newNumber();
        String sid = importNumber(region, number);
        Response created = createAccount(node.login(node.newUser(false)), region);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        // someone edits the number in the Twilio console (here: the same REST call the console makes)
        consoleEdit(sid, "https://elsewhere.example.com/voice");
        assertThat(atTwilio(number).voiceUrl()).isEqualTo("https://elsewhere.example.com/voice");

        Response report = node.call("POST", "/api/platform/numbers/reconciliation", operator, null);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        JsonNode drift = driftOf(report, number);
        assertThat(drift.get("kind").asText()).isEqualTo("misconfigured");
        assertThat(drift.get("repaired").asBoolean()).isFalse();
        assertThat(drift.get("accountId").asText()).isEqualTo(created.json().get("id").asText());
        assertThat(atTwilio(number).voiceUrl()).as("report only").isEqualTo("https://elsewhere.example.com/voice");

        Response repaired = node.call("POST", "/api/platform/numbers/reconciliation?repair=true", operator, null);
        assertThat(repaired.status()).isEqualTo(200);
        assertThat(driftOf(repaired, number).get("repaired").asBoolean()).isTrue();
        assertOurWebhooks(atTwilio(number));
        Response again = node.call("POST", "/api/platform/numbers/reconciliation", operator, null);
        assertThat(again.json().get("items").findValuesAsText("number")).doesNotContain(number);
    }

    private static JsonNode driftOf(Response r, String number) {
        for (JsonNode d : r.json().get("items")) {
            if (d.get("number").asText().equals(number)) {
                return d;
            }
        }
        throw new AssertionError("no drift for " + number + " in " + r);
    }

    private static void consoleEdit(String sid, String voiceUrl) throws Exception {
        HttpRequest edit = HttpRequest.newBuilder(URI.create(node.twilio.baseUrl() + "/2010-04-01/Accounts/" + PLATFORM_SID
                        + "/IncomingPhoneNumbers/" + sid + ".json"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((PLATFORM_SID + ":" + PLATFORM_TOKEN)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("VoiceUrl=" + java.net.URLEncoder.encode(voiceUrl, StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(edit, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
