package com.ethiq.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.family.FamilyResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evidence pack from a family link (issue 17): {@code GET /api/family/{token}/evidence.pdf} serves the PDF of the
 * link's own call once it is over and was judged scam or suspect, audited with the contact as actor; a live call, a
 * clear call, an unknown or a revoked link get the plain expiry page as a 404, and nothing is audited for them.
 */
class FamilyEvidenceHttpTest {
    private static final Pattern LINK = Pattern.compile("/f/([A-Za-z0-9_-]{22})");
    private static final HttpClient http = HttpClient.newHttpClient();
    private static DashboardNode node;
    private static FamilyResponse family;
    private static Tenant tenant;
    private static List<EmergencyContact> contacts;

    @BeforeAll
    static void start() {
        node = new DashboardNode(Duration.ofMillis(60));
        family = node.app.assembly().core().family().orElseThrow();
        tenant = node.app.assembly().adapters().tenants().findById(node.demo.id()).orElseThrow();
        contacts = node.app.assembly().adapters().contacts().list(tenant.id());
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static CallSid call(Verdict verdict) {
        var calls = node.app.assembly().adapters().callLogs();
        CallSid sid = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
        calls.open(CallLog.started(tenant.id(), sid, "+33999888777", Instant.now(), CallProtection.PROTECTED));
        calls.updateState(tenant.id(), sid, CallState.IN_PROGRESS, Instant.now());
        calls.recordVerdict(tenant.id(), sid, verdict);
        return sid;
    }

    private static void end(CallSid sid) {
        node.app.assembly().adapters().callLogs().updateState(tenant.id(), sid, CallState.ENDED, Instant.now());
    }

    private static String linkFor(CallSid sid, EmergencyContact contact) {
        var sms = family.compose(tenant, contact, UUID.randomUUID(), sid, ScamCategory.FAKE_BANK_ADVISER, "", Instant.now());
        sms.store().run();
        Matcher m = LINK.matcher(sms.message());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(node.baseUrl().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static long downloads() {
        return node.app.assembly().adapters().audit().recent(tenant.id(), 500).stream()
                .filter(e -> e.action().equals("evidence.downloaded")).count();
    }

    @Test
    void afterTheScamCallTheLinkDownloadsThePdfAuditedWithTheContactAsActor() throws Exception {
        CallSid sid = call(new Verdict.Scam(0.92, ScamCategory.FAKE_BANK_ADVISER, List.of(), "code de carte demandé"));
        EmergencyContact contact = contacts.get(0);
        String token = linkFor(sid, contact);

        // while the call is live: no pack, the plain page, no audit entry; the page's state does not offer it
        long before = downloads();
        HttpResponse<byte[]> live = get("/api/family/" + token + "/evidence.pdf");
        assertThat(live.statusCode()).isEqualTo(404);
        assertThat(new String(live.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("Ce lien n'est plus valable");
        assertThat(downloads()).isEqualTo(before);
        assertThat(new ObjectMapper().readTree(get("/api/family/" + token).body()).path("evidence").asBoolean()).isFalse();

        end(sid);
        assertThat(new ObjectMapper().readTree(get("/api/family/" + token).body()).path("evidence").asBoolean()).isTrue();
        HttpResponse<byte[]> pdf = get("/api/family/" + token + "/evidence.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(pdf.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", sid.value());
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertThat(text).contains(sid.value(), tenant.displayName(), "17Cyber");

        List<AuditEvent> audited = node.app.assembly().adapters().audit().recent(tenant.id(), 500).stream()
                .filter(e -> e.action().equals("evidence.downloaded")).toList();
        assertThat(audited).hasSize((int) before + 1);
        assertThat(audited).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("contact:" + contact.id());
            assertThat(e.target()).isEqualTo(sid.value());
            assertThat(e.details()).containsEntry("format", "pdf");
        });
    }

    @Test
    void aClearCallAnUnknownTokenAndARevokedLinkGetThePlain404Page() throws Exception {
        long before = downloads();
        CallSid clear = call(new Verdict.Clear(0.05, List.of(), "rendez-vous"));
        end(clear);
        String clearToken = linkFor(clear, contacts.get(0));
        CallSid scam = call(new Verdict.Scam(0.9, ScamCategory.FAKE_BANK_ADVISER, List.of(), "code"));
        end(scam);
        String revoked = linkFor(scam, contacts.get(0));
        assertThat(family.revokeLinks(tenant.id(), scam, "user:test")).isEqualTo(1);

        for (String token : List.of(clearToken, "A".repeat(22), revoked)) {
            HttpResponse<byte[]> r = get("/api/family/" + token + "/evidence.pdf");
            assertThat(r.statusCode()).as(token).isEqualTo(404);
            String body = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(body).contains("Ce lien n'est plus valable").doesNotContain(tenant.displayName(), "%PDF");
        }
        assertThat(downloads()).isEqualTo(before);
    }
}
