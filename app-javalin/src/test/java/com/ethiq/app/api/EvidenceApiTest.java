package com.ethiq.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.DetectionEngine;
import com.ethiq.core.detection.DetectionSession;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.fake.InsecureFastPasswordHasher;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.management.identity.User;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The evidence pack over HTTP: the PDF read back as text, the JSON proof verified alone, access, audit. */
class EvidenceApiTest {
    static final List<String> SCAM = List.of(
            "Bonjour madame, ici le service sécurité de votre banque.",
            "Ah bon, il y a un problème ?",
            "Nous avons détecté une opération suspecte, il faut faire un virement vers un compte sécurisé.",
            "Je ne sais pas trop.",
            "Donnez-moi le code reçu par SMS pour valider, c'est urgent.");

    private static ApiHarness h;
    private static TenantId tenant;
    private static String owner;
    private static final CallSid SCAM_CALL = CallSid.of("CAevidence0001");
    private static final CallSid CLEAR_CALL = CallSid.of("CAevidence0002");
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        h = new ApiHarness(ApiSettings.DEFAULT.withAuthRequestsPerMinutePerIp(10_000), new InsecureFastPasswordHasher());
        tenant = h.newTenant();
        owner = h.newOwnerToken(tenant);
        Instant at = h.clock.instant().minusSeconds(900);
        h.audit.append(AuditEvent.system(UUID.randomUUID(), tenant, "call.protected", SCAM_CALL.value(), at,
                Map.of("attestation", "not_verified")));
        play(SCAM_CALL, SCAM, at);
        play(CLEAR_CALL, List.of("Bonjour mamie, c'est Léa.", "Bonjour ma chérie !"), at);
        h.contacts.add(new EmergencyContact(UUID.randomUUID(), tenant, "Marie", PhoneNumber.of("+33611223344"), "fille", at));
        Alert sms = Alert.pending(UUID.randomUUID(), tenant, SCAM_CALL, new AlertRecipient.Phone(PhoneNumber.of("+33611223344")),
                "Alerte Ethiq", Language.FRENCH, at.plusSeconds(30));
        h.alerts.enqueue(sms);
        h.alerts.markSent(tenant, sms.id(), at.plusSeconds(31), "SM1");
        h.audit.append(AuditEvent.system(UUID.randomUUID(), tenant, "alert.sent", sms.id().toString(), at.plusSeconds(31),
                Map.of("kind", "sms", "attempts", "1")));
        h.audit.append(new AuditEvent(UUID.randomUUID(), tenant, "family-link:marie", "family.handling", SCAM_CALL.value(),
                "", "", at.plusSeconds(60), Map.of("by", "Marie")));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static void play(CallSid sid, List<String> lines, Instant at) {
        h.callLogs.open(CallLog.started(tenant, sid, "+33612345678", at, CallProtection.PROTECTED));
        DetectionSession s = DetectionEngine.withDefaultPacks().newSession(Language.FRENCH, DetectionThresholds.DEFAULT, List.of());
        for (int i = 0; i < lines.size(); i++) {
            TranscriptSegment seg = TranscriptSegment.finalText(i % 2 == 0 ? Speaker.CALLER : Speaker.CALLEE, i / 2, lines.get(i));
            h.callLogs.appendSegment(tenant, sid, seg);
            Verdict v = s.onSegment(seg);
            h.callLogs.recordVerdict(tenant, sid, v);
        }
        h.callLogs.updateState(tenant, sid, CallState.ENDED, at.plusSeconds(120));
    }

    private HttpResponse<byte[]> get(String path, String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(h.base + path)).header("Authorization", "Bearer " + bearer).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String flat(String s) {
        return s.replaceAll("\\s+", " ");
    }

    @Test
    void pdfReadsBackWithCallerCueSentencesAndReportingPaths() throws Exception {
        HttpResponse<byte[]> r = get("/api/accounts/" + tenant + "/calls/" + SCAM_CALL.value() + "/evidence.pdf", owner);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("ethiq-evidence-CAevidence0001.pdf");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        String text;
        try (PDDocument pdf = Loader.loadPDF(r.body())) {
            text = flat(new PDFTextStripper().getText(pdf));
            // kept for the docs' screenshots: the file and its pages as images
            java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve("evidence-pack.pdf"), r.body());
            var renderer = new org.apache.pdfbox.rendering.PDFRenderer(pdf);
            for (int page = 0; page < pdf.getNumberOfPages(); page++) {
                javax.imageio.ImageIO.write(renderer.renderImageWithDPI(page, 80), "png",
                        dir.resolve("evidence-pack-p" + (page + 1) + ".png").toFile());
            }
        }
        assertThat(text).contains("+33612345678", "Evidence pack", SCAM.get(4), SCAM.get(2), "Marie (fille)",
                "0 892 705 705", "pre-plainte-en-ligne.gouv.fr", "THESEE", "17cyber.gouv.fr", "33700",
                "family.handling", "non vérifié / not verified");
        assertThat(text).doesNotContain("Bonjour mamie");
        assertThat(h.audit.events(tenant)).filteredOn(e -> e.action().equals("evidence.downloaded")
                && e.details().get("format").equals("pdf")).isNotEmpty().allSatisfy(e -> assertThat(e.target()).isEqualTo(SCAM_CALL.value()));
    }

    @Test
    void jsonProofVerifiesFromTheJsonAlone() throws Exception {
        HttpResponse<byte[]> r = get("/api/accounts/" + tenant + "/calls/" + SCAM_CALL.value() + "/evidence.json", owner);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode pack = ApiHarness.JSON.readTree(r.body());
        assertThat(pack.at("/call/caller").asText()).isEqualTo("+33612345678");
        assertThat(pack.at("/call/attestation").asText()).isEqualTo("not_verified");
        assertThat(pack.at("/verdict/label").asText()).isEqualTo("scam");
        assertThat(pack.get("cues").size()).isPositive();
        JsonNode entries = pack.at("/proof/entries");
        // call.protected, alert.sent, family.handling, plus any earlier download of this pack (test order is free)
        assertThat(entries.findValuesAsText("action")).startsWith("call.protected", "alert.sent", "family.handling");
        for (JsonNode e : entries) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(HexFormat.of().parseHex(e.get("previousHash").asText()));
            sha.update(e.get("canonical").asText().getBytes(StandardCharsets.UTF_8));
            assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(e.get("hash").asText());
            // the hashed text is the entry's own fields, nothing hidden
            JsonNode canonical = ApiHarness.JSON.readTree(e.get("canonical").asText());
            assertThat(canonical.get("seq").asLong()).isEqualTo(e.get("sequence").asLong());
            assertThat(canonical.get("id").asText()).isEqualTo(e.get("id").asText());
            assertThat(canonical.get("action").asText()).isEqualTo(e.get("action").asText());
            assertThat(canonical.get("actor").asText()).isEqualTo(e.get("actor").asText());
            assertThat(canonical.get("target").asText()).isEqualTo(e.get("target").asText());
            assertThat(canonical.get("occurred_at").asText()).isEqualTo(e.get("occurredAt").asText());
            assertThat(canonical.get("account_id").asText()).isEqualTo(pack.at("/account/id").asText());
            assertThat(canonical.get("details")).isEqualTo(e.get("details"));
        }
        assertThat(pack.at("/proof/chainIntact").asBoolean()).isTrue();
        JsonNode highlights = pack.at("/excerpts/0/lines");
        boolean anyHighlight = false;
        for (Iterator<JsonNode> it = highlights.elements(); it.hasNext(); ) {
            JsonNode line = it.next();
            for (JsonNode hl : line.get("highlights")) {
                anyHighlight = true;
                assertThat(hl.get("end").asInt()).isLessThanOrEqualTo(line.get("text").asText().length());
            }
        }
        assertThat(anyHighlight).isTrue();
        assertThat(h.audit.events(tenant)).anyMatch(e -> e.action().equals("evidence.downloaded") && e.details().get("format").equals("json"));
    }

    @Test
    void clearCallsViewersAndOtherTenantsGetNoPack() throws Exception {
        assertThat(get("/api/accounts/" + tenant + "/calls/" + CLEAR_CALL.value() + "/evidence.pdf", owner).statusCode()).isEqualTo(404);
        User viewer = h.newUser(false);
        h.addMember(tenant, viewer, Role.VIEWER);
        assertThat(get("/api/accounts/" + tenant + "/calls/" + SCAM_CALL.value() + "/evidence.pdf", h.login(viewer).access().value())
                .statusCode()).isEqualTo(403);
        TenantId other = h.newTenant();
        User stranger = h.newUser(false);
        h.addMember(other, stranger, Role.OWNER);
        String token = h.login(stranger).access().value();
        assertThat(get("/api/accounts/" + other + "/calls/" + SCAM_CALL.value() + "/evidence.pdf", token).statusCode()).isEqualTo(404);
        assertThat(get("/api/accounts/" + tenant + "/calls/" + SCAM_CALL.value() + "/evidence.json", token).statusCode()).isEqualTo(404);
    }
}
