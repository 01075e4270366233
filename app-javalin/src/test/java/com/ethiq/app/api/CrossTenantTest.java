package com.ethiq.app.api;

import static com.ethiq.app.api.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.api.ApiHarness.Response;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.fake.InsecureFastPasswordHasher;
import com.ethiq.core.management.identity.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The owner of account B (the most privileged stranger there is) aims at account A's resources: A's account id on
 * every account route, and A's sub-resource ids (contact, member, invitation, call) under B's own account. Every
 * attempt must answer 404 with the same body as an id that does not exist, and leave A untouched.
 */
class CrossTenantTest {
    private static ApiHarness h;
    private static MatrixFixture.Callers callers;
    private static final String ATTACKER_BODY_PLACEHOLDER = "{}";
    private static int attempts;

    @BeforeAll
    static void start() {
        h = new ApiHarness(ApiSettings.DEFAULT.withAuthRequestsPerMinutePerIp(100_000), new InsecureFastPasswordHasher());
        callers = new MatrixFixture.Callers(h);
    }

    @AfterAll
    static void stop() {
        System.out.println("cross-tenant attempts: " + attempts + " (each answered 404, victim untouched)");
        h.close();
    }

    /** A body that would be valid for the route, so a refusal cannot come from validation. */
    private static String validBody(ApiRoute r, MatrixFixture victim) {
        String p = r.path();
        if (p.endsWith("/members/{userId}") && r.method().equals("PATCH")) {
            return json("role", "admin");
        }
        if (p.endsWith("/invitations") && r.method().equals("POST")) {
            return json("email", "x" + ApiHarness.nextSeq() + "@example.org", "role", "viewer");
        }
        if (p.endsWith("/contacts") || p.endsWith("/contacts/{contactId}") && r.method().equals("PUT")) {
            return json("name", "Evil", "phone", "+33699999999", "relationship", "");
        }
        if (p.endsWith("/callers") || p.endsWith("/callers/{callerId}") && r.method().equals("PUT")) {
            return json("phone", "+33699999998", "name", "Evil", "listing", "trusted");
        }
        if (p.endsWith("/telephony") && r.method().equals("PATCH")) {
            return json("smsSenderId", "EVIL");
        }
        if (p.endsWith("/reputation") && r.method().equals("PUT")) {
            return json("optIn", true);
        }
        if (p.endsWith("/settings") && r.method().equals("PATCH")) {
            return json("language", "en");
        }
        if (p.endsWith("/credentials/telephony")) {
            return json("accountSid", "AC" + "f".repeat(32), "authToken", "evil-token");
        }
        if (p.endsWith("/credentials/speech") || p.endsWith("/credentials/ai")) {
            return json("value", "evil-key");
        }
        return r.hasBody() && !r.optionalBody() ? ATTACKER_BODY_PLACEHOLDER : null;
    }

    private static String fill(String template, MatrixFixture f, String account) {
        return template.replace("{accountId}", account)
                .replace("{contactId}", f.contact.id().toString())
                .replace("{callerId}", f.knownCaller.id().toString())
                .replace("{userId}", f.extraMember.id().toString())
                .replace("{invitationId}", f.invitation.id().toString())
                .replace("{callSid}", f.callSid.value())
                .replace("{kind}", "ai");
    }

    @TestFactory
    Stream<DynamicTest> aStrangersOwnerGets404OnEveryAccountRouteAndEveryResourceId() {
        List<DynamicTest> tests = new ArrayList<>();
        String attacker = callers.strangerTokens.access().value();
        for (ApiRoute r : h.api.routes()) {
            if (r.access() != ApiRoute.Access.ACCOUNT) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest("A's account on " + r.method() + " " + r.path(), () -> {
                MatrixFixture victim = new MatrixFixture(h, callers);
                Response resp = h.call(r.method(), fill(r.path(), victim, victim.account.value().toString()), attacker, validBody(r, victim));
                assertThat(resp.status()).as(resp.toString()).isEqualTo(404);
                assertUntouched(victim);
                Response unknown = h.call(r.method(), fill(r.path(), victim, UUID.randomUUID().toString()), attacker, validBody(r, victim));
                assertThat(unknown.status()).isEqualTo(404);
                assertThat(resp.json().get("detail")).isEqualTo(unknown.json().get("detail"));
                attempts++;
            }));
            boolean hasSubId = r.path().matches(".*\\{(contactId|callerId|userId|invitationId|callSid)}.*");
            if (hasSubId) {
                tests.add(DynamicTest.dynamicTest("A's id under B's account on " + r.method() + " " + r.path(), () -> {
                    MatrixFixture victim = new MatrixFixture(h, callers);
                    String path = fill(r.path(), victim, callers.strangersAccount.value().toString());
                    Response resp = h.call(r.method(), path, attacker, validBody(r, victim));
                    assertThat(resp.status()).as(path + " " + resp).isEqualTo(404);
                    assertUntouched(victim);
                    attempts++;
                }));
            }
        }
        return tests.stream();
    }

    private static void assertUntouched(MatrixFixture v) {
        assertThat(h.tenants.findById(v.account).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(h.contacts.find(v.account, v.contact.id())).contains(v.contact);
        assertThat(h.knownCallers.find(v.account, v.knownCaller.id())).contains(v.knownCaller);
        assertThat(h.callerReports.optedIn(v.account)).isFalse();
        assertThat(h.memberships.find(v.account, v.extraMember.id())).get().extracting(m -> m.role()).isEqualTo(Role.VIEWER);
        assertThat(h.invitations.pending(v.account, h.clock.instant())).extracting(i -> i.id()).contains(v.invitation.id());
        assertThat(h.secrets.status(v.account).get(com.ethiq.core.port.TenantSecrets.SecretKind.TELEPHONY_AUTH_TOKEN).set()).isFalse();
        assertThat(h.tenants.findById(v.account).orElseThrow().settings().language().code()).isEqualTo("fr");
        assertThat(h.audit.events(v.account)).noneMatch(e -> e.actor().contains(callers.stranger.id().toString()));
    }
}
