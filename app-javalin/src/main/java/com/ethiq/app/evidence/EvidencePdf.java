package com.ethiq.app.evidence;

import com.ethiq.core.management.backoffice.evidence.EvidencePack;
import com.ethiq.core.management.backoffice.evidence.ReportingPaths.ReportingPath;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders an {@link EvidencePack} as a PDF a family can print for the bank or the police: French first with the
 * English beside it, transcript excerpts with the cue words highlighted, the audit proof in full (hashes included),
 * and the reporting paths. Times are written in Paris time and UTC. Stateless.
 */
public final class EvidencePdf {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss", Locale.FRANCE).withZone(PARIS);

    private EvidencePdf() {
    }

    public static byte[] render(EvidencePack p) {
        try (PdfText pdf = new PdfText("Dossier de preuve / Evidence pack " + p.call().callSid())) {
            pdf.heading("Dossier de preuve : appel " + label(p.verdict().label()) + " / Evidence pack: "
                    + p.verdict().label() + " call");
            pdf.small("Établi le / made on " + time(p.generatedAt()) + " pour / for " + p.generatedFor()
                    + " · Ethiq, format " + p.formatVersion());

            pdf.heading("Compte / Account");
            pdf.field("Nom / Name", p.account().name());
            pdf.field("Numéro protégé / Protected number", p.account().number() == null ? "-" : p.account().number());
            pdf.field("Identifiant / Account id", p.account().id());

            pdf.heading("Appel / Call");
            pdf.field("Appelant / Caller", p.call().caller().isEmpty() ? "masqué / hidden" : p.call().caller());
            pdf.field("Vérification de l'opérateur / Carrier attestation", attestation(p.call().attestation()));
            pdf.field("Début / Start", time(p.call().startedAt()));
            pdf.field("Fin / End", p.call().endedAt() == null ? "en cours / ongoing" : time(p.call().endedAt()));
            if (p.call().durationSeconds() != null) {
                pdf.field("Durée / Duration", p.call().durationSeconds() / 60 + " min " + p.call().durationSeconds() % 60 + " s");
            }
            pdf.field("Protection", p.call().protection() + (p.call().ringResult() == null ? "" : " · " + p.call().ringResult()));
            pdf.field("Identifiant d'appel / Call id", p.call().callSid());

            pdf.heading("Verdict");
            pdf.field("Verdict", label(p.verdict().label()) + " / " + p.verdict().label() + " · score "
                    + String.format(Locale.FRANCE, "%.2f", p.verdict().score()) + " · " + p.verdict().category());
            pdf.field("Explication / Explanation", p.verdict().explanation().isEmpty() ? "-" : p.verdict().explanation());
            if (p.verdict().aiScam() != null) {
                pdf.field("Analyse IA / AI analysis", (p.verdict().aiScam() ? "arnaque / scam" : "pas d'arnaque / no scam")
                        + String.format(Locale.FRANCE, " (%.0f %%)", p.verdict().aiConfidence() * 100)
                        + (p.verdict().aiReasons().isEmpty() ? "" : " : " + String.join(" ; ", p.verdict().aiReasons())));
            }

            transcript(pdf, p);
            alerts(pdf, p);
            actions(pdf, p);
            proof(pdf, p);
            reporting(pdf, p.reportingPaths());
            return pdf.bytes();
        }
    }

    private static void transcript(PdfText pdf, EvidencePack p) {
        pdf.heading("Indices et extraits / Cues and excerpts");
        pdf.small(p.transcript().noteFr());
        pdf.small(p.transcript().noteEn());
        for (EvidencePack.Cue c : p.cues()) {
            pdf.text("Indice / cue " + (c.index() + 1) + " · " + c.kind().replace('_', ' ') + " · « " + c.evidence()
                    + " » · " + speaker(c.speaker()) + (c.located() ? "" : " · (mots non retrouvés / words not found)"));
        }
        int n = 1;
        for (EvidencePack.Excerpt e : p.excerpts()) {
            pdf.subheading("Extrait / Excerpt " + n++);
            for (EvidencePack.Line l : e.lines()) {
                List<PdfText.Mark> marks = new ArrayList<>();
                for (EvidencePack.Highlight h : l.highlights()) {
                    marks.add(new PdfText.Mark(h.start(), h.end()));
                }
                String cues = l.highlights().stream().map(h -> Integer.toString(h.cue() + 1)).distinct()
                        .collect(Collectors.joining(","));
                pdf.spoken(speaker(l.speaker()) + (cues.isEmpty() ? "" : " [" + cues + "]") + " :", l.text(), marks);
            }
        }
    }

    private static void alerts(PdfText pdf, EvidencePack p) {
        pdf.heading("Alertes / Alerts");
        if (p.alerts().isEmpty()) {
            pdf.text("Aucune alerte envoyée / no alert sent.");
        }
        for (EvidencePack.AlertEntry a : p.alerts()) {
            String who = a.recipientName() == null ? a.recipient() : a.recipientName() + " " + a.recipient();
            pdf.text(kind(a.kind()) + " -> " + who + " · " + a.status() + " · créée / created " + time(a.createdAt())
                    + (a.sentAt() == null ? "" : " · envoyée / sent " + time(a.sentAt()))
                    + " · " + a.attempts() + " essai(s) / attempt(s)" + (a.lastError() == null ? "" : " · " + a.lastError()));
        }
    }

    private static void actions(PdfText pdf, EvidencePack p) {
        pdf.heading("Actions de la famille / What the family did");
        if (p.familyActions().isEmpty()) {
            pdf.text("Aucune action enregistrée / none recorded.");
        }
        for (EvidencePack.FamilyAction a : p.familyActions()) {
            pdf.text(time(a.at()) + " · " + a.actor() + " · " + a.action()
                    + (a.details().isEmpty() ? "" : " · " + a.details()));
        }
    }

    private static void proof(PdfText pdf, EvidencePack p) {
        EvidencePack.AuditProof proof = p.proof();
        pdf.heading("Preuve du journal d'audit / Audit-chain proof");
        pdf.small(proof.methodFr());
        pdf.small(proof.methodEn());
        pdf.field("Chaîne / Chain", (proof.chainIntact() ? "intacte / intact" : "ROMPUE / BROKEN: " + proof.problem())
                + " · " + proof.eventsChecked() + " entrées vérifiées / entries checked");
        pdf.field("Tête / Head", "#" + proof.headSequence() + " " + proof.headHash());
        for (EvidencePack.ProofEntry e : proof.entries()) {
            pdf.text("#" + e.sequence() + " · " + e.occurredAt() + " · " + e.action() + " · " + e.actor());
            pdf.mono("previous " + (e.previousHash().isEmpty() ? "(none)" : e.previousHash()));
            pdf.mono("hash     " + e.hash());
            pdf.mono("canonical " + e.canonical());
        }
    }

    private static void reporting(PdfText pdf, List<ReportingPath> paths) {
        pdf.heading("Où signaler / Where to report");
        for (ReportingPath r : paths) {
            pdf.subheading(r.titleFr() + " / " + r.titleEn() + " · " + r.contact());
            pdf.text(r.whatFr());
            pdf.small(r.whatEn());
        }
    }

    private static String time(Instant at) {
        return at == null ? "-" : LOCAL.format(at) + " (Paris) · " + at + " UTC";
    }

    private static String label(String verdict) {
        return switch (verdict) {
            case "scam" -> "frauduleux";
            case "suspicious" -> "suspect";
            default -> "sans risque";
        };
    }

    private static String speaker(String wire) {
        return "caller".equals(wire) ? "Appelant / Caller" : "Personne protégée / Protected person";
    }

    private static String kind(String wire) {
        return switch (wire) {
            case "sms" -> "SMS";
            case "announcement" -> "Avertissement parlé / spoken warning";
            default -> wire;
        };
    }

    private static String attestation(String wire) {
        return switch (wire) {
            case "passed_a" -> "A : numéro vérifié par l'opérateur / number verified by the carrier";
            case "passed_b", "passed_c" -> wire.substring(7).toUpperCase(Locale.ROOT)
                    + " : vérification partielle / partial verification";
            case "failed" -> "ÉCHEC : le numéro affiché est probablement usurpé / FAILED: the number shown is likely spoofed";
            case "not_verified" -> "non vérifié / not verified";
            default -> "aucune (habituel en France) / none given (usual within France)";
        };
    }
}
