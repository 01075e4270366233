package com.ethiq.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.api.ApiHarness.Response;
import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.fake.InsecureFastPasswordHasher;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.management.identity.User;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Privacy of ordinary calls over HTTP: a clear call's words are the owner's only; the API says why they are withheld. */
class CallPrivacyApiTest {
    private static ApiHarness h;
    private static TenantId tenant;
    private static TenantId other;
    private static String owner;
    private static String admin;
    private static String viewer;
    private static String otherOwner;
    private static final CallSid CLEAR = CallSid.of("CAprivacyclear");
    private static final CallSid SCAM = CallSid.of("CAprivacyscam");

    @BeforeAll
    static void start() {
        h = new ApiHarness(ApiSettings.DEFAULT.withAuthRequestsPerMinutePerIp(10_000), new InsecureFastPasswordHasher());
        tenant = h.newTenant();
        other = h.newTenant();
        owner = member(tenant, Role.OWNER);
        admin = member(tenant, Role.ADMIN);
        viewer = member(tenant, Role.VIEWER);
        otherOwner = member(other, Role.OWNER);
        h.callLogs.open(CallLog.started(tenant, CLEAR, "+33611111111", h.clock.instant().minusSeconds(600), CallProtection.PROTECTED));
        h.callLogs.appendSegment(tenant, CLEAR, TranscriptSegment.finalText(Speaker.CALLER, 0, "Bonjour, c'est le docteur Martin"));
        h.callLogs.open(CallLog.started(tenant, SCAM, "+33622222222", h.clock.instant().minusSeconds(300), CallProtection.PROTECTED));
        h.callLogs.appendSegment(tenant, SCAM, TranscriptSegment.finalText(Speaker.CALLER, 0, "Donnez-moi le code"));
        h.callLogs.recordVerdict(tenant, SCAM, new Verdict.Scam(0.9, ScamCategory.FAKE_BANK_ADVISER, List.of(),
                "score 0.90: request 'donnez moi le code' (turn 0, caller, fr.test)"));
    }

    private static String member(TenantId t, Role role) {
        User u = h.newUser(false);
        h.addMember(t, u, role);
        return h.login(u).access().value();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static Response detail(TenantId t, CallSid sid, String token) {
        return h.call("GET", "/api/accounts/" + t.value() + "/calls/" + sid.value(), token, null);
    }

    @Test
    void aClearCallShowsItsTranscriptToTheOwnerOnly() {
        Response mine = detail(tenant, CLEAR, owner);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().get("transcript")).hasSize(1);
        assertThat(mine.json().has("transcriptWithheld")).isFalse();

        Response adminView = detail(tenant, CLEAR, admin);
        assertThat(adminView.status()).isEqualTo(200);
        assertThat(adminView.json().get("transcript")).isEmpty();
        assertThat(adminView.json().get("transcriptWithheld").asText()).isEqualTo("clear_call_owner_only");
        assertThat(adminView.json().at("/call/caller").asText()).isEqualTo("+33611111111");
        assertThat(adminView.body()).doesNotContain("docteur");
    }

    @Test
    void aScamCallsTranscriptIsReadByAdminsAndWithheldFromViewers() {
        Response adminView = detail(tenant, SCAM, admin);
        assertThat(adminView.json().get("transcript")).hasSize(1);
        assertThat(adminView.json().get("cues").asText()).contains("donnez moi le code");
        Response viewerView = detail(tenant, SCAM, viewer);
        assertThat(viewerView.status()).isEqualTo(200);
        assertThat(viewerView.json().get("transcriptWithheld").asText()).isEqualTo("role_cannot_read_transcripts");
        assertThat(viewerView.json().has("cues")).isFalse();
        assertThat(viewerView.body()).doesNotContain("code");
        assertThat(viewerView.json().at("/call/verdict").asText()).isEqualTo("scam");
    }

    @Test
    void anotherAccountsOwnerSeesNothing() {
        assertThat(detail(tenant, CLEAR, otherOwner).status()).isEqualTo(404);
        assertThat(detail(other, CLEAR, otherOwner).status()).isEqualTo(404);
        assertThat(detail(other, SCAM, otherOwner).status()).isEqualTo(404);
    }

    @Test
    void theClearCallRetentionIsASetting() {
        String path = "/api/accounts/" + tenant.value() + "/settings";
        assertThat(h.call("GET", path, owner, null).json().get("clearCallRetentionDays").asInt()).isEqualTo(7);
        Response r = h.call("PATCH", path, owner, "{\"clearCallRetentionDays\":2}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("clearCallRetentionDays").asInt()).isEqualTo(2);
        assertThat(h.tenants.findById(tenant).orElseThrow().settings().clearCallRetention().toDays()).isEqualTo(2);
        Response bad = h.call("PATCH", path, owner, "{\"clearCallRetentionDays\":0}");
        assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("clearCallRetentionDays");
        assertThat(bad.json().at("/errors/0/code").asText()).isEqualTo("out_of_range");
    }
}
