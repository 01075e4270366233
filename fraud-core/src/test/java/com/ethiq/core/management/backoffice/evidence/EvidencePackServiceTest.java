package com.ethiq.core.management.backoffice.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import com.ethiq.core.management.TestWorld;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.ForbiddenException;
import com.ethiq.core.management.identity.NotFoundException;
import com.ethiq.core.management.identity.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EvidencePackServiceTest {
    static final List<String> SCAM = List.of(
            "Bonjour madame, ici le service sécurité de votre banque.",
            "Ah bon, il y a un problème ?",
            "Nous avons détecté une opération suspecte, il faut faire un virement vers un compte sécurisé.",
            "Je ne sais pas trop.",
            "Donnez-moi le code reçu par SMS pour valider, c'est urgent.");

    private final TestWorld w = new TestWorld();
    private final Actor owner = w.signUpAndLogIn(w.newEmail());
    private final TenantId tenant = w.newAccount(owner);

    /** Plays the lines through the real engine, stores them and the verdict as the call path would. */
    static Verdict playCall(TestWorld w, TenantId t, CallSid sid, List<String> lines, Instant at) {
        w.callLogs.open(CallLog.started(t, sid, "+33612345678", at, CallProtection.PROTECTED));
        DetectionSession s = DetectionEngine.withDefaultPacks().newSession(Language.FRENCH, DetectionThresholds.DEFAULT, List.of());
        Verdict v = null;
        for (int i = 0; i < lines.size(); i++) {
            TranscriptSegment seg = TranscriptSegment.finalText(i % 2 == 0 ? Speaker.CALLER : Speaker.CALLEE, i / 2, lines.get(i));
            w.callLogs.appendSegment(t, sid, seg);
            v = s.onSegment(seg);
            w.callLogs.recordVerdict(t, sid, v);
        }
        w.callLogs.updateState(t, sid, CallState.ENDED, at.plusSeconds(95));
        return v;
    }

    @Test
    void packHoldsCallCuesExcerptsAlertsActionsAndAVerifiableProof() throws Exception {
        CallSid sid = CallSid.of("CAscam1");
        Instant at = w.clock.instant().minusSeconds(600);
        w.audit.append(AuditEvent.system(UUID.randomUUID(), tenant, "call.protected", sid.value(), at, Map.of("attestation", "failed")));
        Verdict v = playCall(w, tenant, sid, SCAM, at);
        assertThat(v.isScam()).as(v.explanation()).isTrue();
        w.contacts.add(new EmergencyContact(UUID.randomUUID(), tenant, "Marie", PhoneNumber.of("+33611111111"), "fille", at));
        Alert sms = Alert.pending(UUID.randomUUID(), tenant, sid, new AlertRecipient.Phone(PhoneNumber.of("+33611111111")),
                "Alerte", Language.FRENCH, at.plusSeconds(40));
        w.alerts.enqueue(sms);
        w.alerts.markSent(tenant, sms.id(), at.plusSeconds(41), "SM1");
        w.audit.append(AuditEvent.system(UUID.randomUUID(), tenant, "alert.sent", sms.id().toString(), at.plusSeconds(41), Map.of("kind", "sms")));
        w.audit.append(new AuditEvent(UUID.randomUUID(), tenant, "family-link:abc", "family.joined", sid.value(), "", "",
                at.plusSeconds(50), Map.of("name", "Marie")));
        w.audit.append(AuditEvent.system(UUID.randomUUID(), tenant, "call.protected", "CAother", at, Map.of()));

        EvidencePack p = w.core.evidence().download(owner, tenant, sid, "json");

        assertThat(p.call().caller()).isEqualTo("+33612345678");
        assertThat(p.call().attestation()).isEqualTo("failed");
        assertThat(p.call().durationSeconds()).isEqualTo(95L);
        assertThat(p.verdict().label()).isEqualTo("scam");
        assertThat(p.transcript().status()).isEqualTo("included");
        assertThat(p.cues()).isNotEmpty().allMatch(EvidencePack.Cue::located);
        // every highlight covers words of its cue in the line it points into
        for (EvidencePack.Excerpt e : p.excerpts()) {
            for (EvidencePack.Line l : e.lines()) {
                for (EvidencePack.Highlight h : l.highlights()) {
                    String said = java.text.Normalizer.normalize(l.text().substring(h.start(), h.end()), java.text.Normalizer.Form.NFD)
                            .replaceAll("\\p{M}", "").toLowerCase();
                    String first = p.cues().get(h.cue()).evidence().split(" ")[0];
                    assertThat(said).as(l.text()).contains(first.substring(0, Math.min(3, first.length())));
                }
            }
        }
        assertThat(p.excerpts()).flatExtracting(EvidencePack.Excerpt::lines).extracting(EvidencePack.Line::text)
                .contains(SCAM.get(4));
        assertThat(p.alerts()).singleElement().satisfies(a -> {
            assertThat(a.recipientName()).isEqualTo("Marie (fille)");
            assertThat(a.status()).isEqualTo("sent");
        });
        assertThat(p.familyActions()).extracting(EvidencePack.FamilyAction::action).containsExactly("family.joined");
        assertThat(p.proof().entries()).extracting(EvidencePack.ProofEntry::action)
                .containsExactly("call.protected", "alert.sent", "family.joined");
        assertThat(p.proof().chainIntact()).isTrue();
        for (EvidencePack.ProofEntry e : p.proof().entries()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(HexFormat.of().parseHex(e.previousHash()));
            sha.update(e.canonical().getBytes(StandardCharsets.UTF_8));
            assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(e.hash());
            assertThat(e.canonical()).contains("\"occurred_at\": \"" + e.occurredAt() + "\"");
        }
        assertThat(p.reportingPaths()).extracting(ReportingPaths.ReportingPath::id)
                .containsExactly("bank", "complaint", "17cyber", "info_escroqueries", "33700");
        assertThat(w.audit.events(tenant)).filteredOn(e -> e.action().equals("evidence.downloaded"))
                .singleElement().satisfies(e -> {
                    assertThat(e.target()).isEqualTo(sid.value());
                    assertThat(e.details()).containsEntry("format", "json");
                });
    }

    @Test
    void clearCallsOtherTenantsAndViewersGetNoPack() {
        CallSid clear = CallSid.of("CAclear");
        playCall(w, tenant, clear, List.of("Bonjour mamie, c'est Léa.", "Bonjour ma chérie !"), w.clock.instant());
        assertThatThrownBy(() -> w.core.evidence().download(owner, tenant, clear, "pdf")).isInstanceOf(NotFoundException.class);

        CallSid scam = CallSid.of("CAscam2");
        playCall(w, tenant, scam, SCAM, w.clock.instant());
        Actor stranger = w.signUpAndLogIn(w.newEmail());
        TenantId other = w.newAccount(stranger);
        assertThatThrownBy(() -> w.core.evidence().download(stranger, other, scam, "pdf")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> w.core.evidence().download(stranger, tenant, scam, "pdf")).isInstanceOf(NotFoundException.class);
        Actor viewer = w.member(tenant, Role.VIEWER);
        assertThatThrownBy(() -> w.core.evidence().download(viewer, tenant, scam, "pdf")).isInstanceOf(ForbiddenException.class);
        Actor admin = w.member(tenant, Role.ADMIN);
        assertThat(w.core.evidence().download(admin, tenant, scam, "pdf").cues()).isNotEmpty();
    }

    @Test
    void aPurgedTranscriptIsLeftOutAndSaidSo() {
        CallSid sid = CallSid.of("CAold");
        Instant at = w.clock.instant().minus(Duration.ofDays(120));
        playCall(w, tenant, sid, SCAM, at);
        w.callLogs.purgeTranscripts(tenant, w.clock.instant().minus(Duration.ofDays(90)));

        EvidencePack p = w.core.evidence().downloadForFamilyLink(tenant, sid, "family-link:xyz", "pdf");

        assertThat(p.transcript().status()).isEqualTo("purged");
        assertThat(p.transcript().noteEn()).contains("90 days");
        assertThat(p.excerpts()).isEmpty();
        assertThat(p.cues()).isNotEmpty().noneMatch(EvidencePack.Cue::located);
        assertThat(w.audit.events(tenant)).filteredOn(e -> e.action().equals("evidence.downloaded"))
                .extracting(AuditEvent::actor).containsExactly("family-link:xyz");
    }

    @Test
    void cueSpansReadTheExplanationAndFindNormalisedWords() {
        var refs = CueSpans.parse("score 0.91: request 'donnez moi le code' (turn 4, caller, fr.code); identity claim "
                + "'service securite ... banque' (turn 0, caller, fr.bank); +2 more");
        assertThat(refs).extracting(CueSpans.CueRef::kind).containsExactly("request", "identity_claim");
        assertThat(refs.get(0).turn()).isEqualTo(4);
        String line = "Donnez-moi le code reçu, c'est urgent.";
        assertThat(CueSpans.locate(line, refs.get(0).evidence())).singleElement()
                .satisfies(s -> assertThat(line.substring(s.start(), s.end())).isEqualTo("Donnez-moi le code"));
        String bank = "Ici le service sécurité de votre banque";
        assertThat(CueSpans.locate(bank, refs.get(1).evidence())).extracting(s -> bank.substring(s.start(), s.end()))
                .containsExactly("service sécurité", "banque");
        assertThat(CueSpans.locate("l'argent est là", "le argent")).hasSize(1);
        assertThat(CueSpans.locate("rien à voir", "virement")).isEmpty();
    }
}
