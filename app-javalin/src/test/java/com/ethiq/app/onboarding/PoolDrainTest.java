package com.ethiq.app.onboarding;

import static com.ethiq.app.onboarding.OnboardingNode.PLATFORM_SID;
import static com.ethiq.app.onboarding.OnboardingNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.onboarding.OnboardingNode.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 3, over HTTP on PostgreSQL with the node's own configuration: one signed-up user cannot drain the
 * number pool (ETHIQ_ACCOUNTS_PER_USER_PER_DAY), and an account creation that fails for want of a number leaves
 * nothing holding its SIP address, so the same address can be registered again (it used to answer 409).
 */
class PoolDrainTest {
    private static final AtomicInteger NUMBERS = new AtomicInteger(3000);
    private static OnboardingNode node;
    private static String operator;

    @BeforeAll
    static void start() {
        node = new OnboardingNode(Map.of("ETHIQ_ACCOUNTS_PER_USER_PER_DAY", "2"));
        operator = node.login(node.newUser(true));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static void importNumbers(String region, int count) {
        for (int i = 0; i < count; i++) {
            String e164 = "+339756" + String.format("%05d", NUMBERS.incrementAndGet());
            node.twilio.addIncomingNumber(PLATFORM_SID, e164);
            Response r = node.call("POST", "/api/platform/numbers/imports", operator, json("region", region, "numbers", List.of(e164)));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
    }

    private static Response create(String token, String region, String sip) {
        return node.call("POST", "/api/accounts", token, json("displayName", "Mamie", "region", region,
                "sipAddress", sip, "language", "fr"));
    }

    private static String sip() {
        return "sip:mamie" + UUID.randomUUID().toString().substring(0, 8) + "@home.sip.twilio.com";
    }

    @Test
    void oneUserTakesAtMostTwoNumbersADay() {
        importNumbers("FR-D", 6);
        String user = node.login(node.newUser(false));
        assertThat(create(user, "FR-D", sip()).status()).isEqualTo(201);
        assertThat(create(user, "FR-D", sip()).status()).isEqualTo(201);
        Response third = create(user, "FR-D", sip());
        assertThat(third.status()).as(third.toString()).isEqualTo(429);
        int refusedMore = 0;
        for (int i = 0; i < 4; i++) {
            refusedMore += create(user, "FR-D", sip()).status() == 429 ? 1 : 0;
        }
        assertThat(refusedMore).isEqualTo(4);
        // The pool still has numbers for someone else.
        String other = node.login(node.newUser(false));
        Response theirs = create(other, "FR-D", sip());
        assertThat(theirs.status()).as(theirs.toString()).isEqualTo(201);
    }

    @Test
    void aFailedCreationLeavesTheSipAddressFree() {
        String victim = "sip:victim" + UUID.randomUUID().toString().substring(0, 6) + "@home.sip.twilio.com";
        String first = node.login(node.newUser(false));
        Response failed = create(first, "FR-E", victim); // no number in FR-E yet
        assertThat(failed.status()).as(failed.toString()).isBetween(400, 599).isNotEqualTo(201);
        assertThat(node.call("GET", "/api/accounts", first, null).json().get("items")).as("no account left").isEmpty();

        importNumbers("FR-E", 1);
        String second = node.login(node.newUser(false));
        Response again = create(second, "FR-E", victim);
        assertThat(again.status()).as("the same SIP address registers: " + again).isEqualTo(201);
    }
}
