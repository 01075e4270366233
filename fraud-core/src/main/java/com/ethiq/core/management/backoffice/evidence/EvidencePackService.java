package com.ethiq.core.management.backoffice.evidence;

import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.management.backoffice.AuditChain;
import com.ethiq.core.management.backoffice.AuditChainVerifier;
import com.ethiq.core.management.backoffice.AuditHashing;
import com.ethiq.core.management.backoffice.ChainVerification;
import com.ethiq.core.management.backoffice.ChainedAuditEvent;
import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.NotFoundException;
import com.ethiq.core.management.identity.Permission;
import com.ethiq.core.management.identity.RequestOrigin;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Use case: the evidence pack of one call judged a scam or suspect (a clear call has none: 404). Reads the call log,
 * the transcript the retention still keeps, the alerts, the account's contacts (to name recipients) and the account's
 * audit chain (the entries about the call, and a full verification of the chain). Every pack handed out is audited
 * ({@code evidence.downloaded}), after it is assembled, so the download is not part of the proof it carries.
 * Thread-safe.
 */
public final class EvidencePackService {
    /** Lines of transcript kept before and after the line of a cue. */
    static final int CONTEXT_TURNS = 1;
    private static final int BATCH = 500;

    private final Tenants tenants;
    private final CallLogs callLogs;
    private final AlertOutbox alerts;
    private final EmergencyContacts contacts;
    private final AuditChain chain;
    private final AuditChainVerifier verifier;
    private final AccessPolicy access;
    private final AuditRecorder audit;
    private final Clock clock;

    public EvidencePackService(Tenants tenants, CallLogs callLogs, AlertOutbox alerts, EmergencyContacts contacts,
                               AuditChain chain, AccessPolicy access, AuditRecorder audit, Clock clock) {
        this.tenants = tenants;
        this.callLogs = callLogs;
        this.alerts = alerts;
        this.contacts = contacts;
        this.chain = chain;
        this.verifier = new AuditChainVerifier(chain);
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** For a signed-in member with {@code evidence:export}; {@code format} ("pdf", "json") is only audited. */
    public EvidencePack download(Actor actor, TenantId tenant, CallSid callSid, String format) {
        access.require(actor, tenant, Permission.EVIDENCE_EXPORT);
        EvidencePack pack = assemble(tenant, callSid, actor.auditName());
        audit.record(actor, tenant, "evidence.downloaded", callSid.value(), Map.of("format", format));
        return pack;
    }

    /**
     * For the family link after the call: the link's own check (its token, bound to this tenant and call) stands in
     * for a membership. {@code via} names the link in the audit entry (e.g. "family-link:1f2e…").
     */
    public EvidencePack downloadForFamilyLink(TenantId tenant, CallSid callSid, String via, String format) {
        EvidencePack pack = assemble(tenant, callSid, via);
        audit.record(via, new RequestOrigin(null, null), tenant, "evidence.downloaded", callSid.value(), Map.of("format", format));
        return pack;
    }

    private EvidencePack assemble(TenantId tenantId, CallSid callSid, String requestedBy) {
        Tenant tenant = tenants.findById(tenantId).orElseThrow(() -> new NotFoundException("account"));
        CallLog call = callLogs.find(tenantId, callSid).orElseThrow(() -> new NotFoundException("call"));
        if (!call.fraudDetected() && "clear".equals(call.verdict())) {
            throw new NotFoundException("evidence pack (the call was judged clear)");
        }
        Instant now = clock.instant();
        List<TranscriptSegment> lines = callLogs.transcript(tenantId, callSid);
        List<CueSpans.CueRef> refs = CueSpans.parse(call.explanation());
        List<Alert> callAlerts = alerts.forCall(tenantId, callSid);
        List<ChainedAuditEvent> entries = entriesAbout(tenantId, callSid, callAlerts);
        ChainVerification v = verifier.verify(tenantId, Optional.empty());

        Excerpts ex = excerpts(lines, refs);
        return new EvidencePack(EvidencePack.FORMAT_VERSION, now, requestedBy,
                new EvidencePack.Account(tenantId.toString(), tenant.displayName(),
                        tenant.number().map(PhoneNumber::e164).orElse(null), tenant.settings().language().code()),
                new EvidencePack.Call(callSid.value(), call.caller(), attestation(entries), call.startedAt(), call.endedAt(),
                        call.ended().map(e -> Duration.between(call.startedAt(), e).toSeconds()).orElse(null),
                        call.protection().wire(), call.state().wire(), call.ring().map(r -> r.wire()).orElse(null)),
                new EvidencePack.Judgement(call.verdict(), call.score(), call.category().wire(), call.explanation(),
                        call.ai().map(a -> a.scam()).orElse(null), call.ai().map(a -> a.confidence()).orElse(null),
                        call.ai().map(a -> a.reasons()).orElse(List.of())),
                transcript(tenant, call, lines, now), ex.cues(), ex.excerpts(), alertEntries(tenantId, callAlerts),
                actions(entries), proof(tenantId, entries, v), ReportingPaths.france());
    }

    /** The carrier attestation recorded when the call came in ({@code call.protected}'s details), else absent. */
    private static String attestation(List<ChainedAuditEvent> entries) {
        for (ChainedAuditEvent e : entries) {
            String a = e.event().details().get("attestation");
            if (a != null && e.event().action().startsWith("call.")) {
                return a;
            }
        }
        return "absent";
    }

    private static EvidencePack.Transcript transcript(Tenant tenant, CallLog call, List<TranscriptSegment> lines, Instant now) {
        if (!lines.isEmpty()) {
            return new EvidencePack.Transcript("included", lines.size(),
                    "Extraits de la transcription automatique (reconnaissance vocale) autour de chaque indice.",
                    "Excerpts of the automatic (speech recognition) transcript around each cue.");
        }
        long days = tenant.settings().transcriptRetention().toDays();
        if (call.startedAt().isBefore(now.minus(tenant.settings().transcriptRetention()))) {
            return new EvidencePack.Transcript("purged", 0,
                    "La transcription a été effacée après la durée de conservation choisie par le compte (" + days
                            + " jours) ; elle ne figure pas dans ce dossier.",
                    "The transcript was erased after the account's retention period (" + days
                            + " days); it is not in this pack.");
        }
        return new EvidencePack.Transcript("not_stored", 0,
                "Aucune transcription n'est conservée pour cet appel (effacée, ou la parole n'a pas pu être transcrite) ; "
                        + "elle ne figure pas dans ce dossier.",
                "No transcript is kept for this call (erased, or speech could not be transcribed); it is not in this pack.");
    }

    private record Excerpts(List<EvidencePack.Cue> cues, List<EvidencePack.Excerpt> excerpts) {
    }

    /** Cues with their spans; excerpts are runs of consecutive lines within {@link #CONTEXT_TURNS} of a located cue. */
    private static Excerpts excerpts(List<TranscriptSegment> lines, List<CueSpans.CueRef> refs) {
        Map<Integer, List<EvidencePack.Highlight>> byLine = new TreeMap<>();
        List<EvidencePack.Cue> cues = new ArrayList<>();
        Set<Integer> shown = new HashSet<>();
        for (int i = 0; i < refs.size(); i++) {
            CueSpans.CueRef r = refs.get(i);
            int line = lineOf(lines, r);
            boolean located = line >= 0;
            if (located) {
                for (CueSpans.Span s : CueSpans.locate(lines.get(line).text(), r.evidence())) {
                    byLine.computeIfAbsent(line, k -> new ArrayList<>()).add(new EvidencePack.Highlight(s.start(), s.end(), i));
                }
                for (int t = Math.max(0, line - CONTEXT_TURNS); t <= Math.min(lines.size() - 1, line + CONTEXT_TURNS); t++) {
                    shown.add(t);
                }
            }
            cues.add(new EvidencePack.Cue(i, r.kind(), r.evidence(), r.turn(), r.speaker().wire(), r.ruleId(), located));
        }
        List<EvidencePack.Excerpt> excerpts = new ArrayList<>();
        List<EvidencePack.Line> run = new ArrayList<>();
        for (int t = 0; t < lines.size(); t++) {
            if (shown.contains(t)) {
                TranscriptSegment s = lines.get(t);
                List<EvidencePack.Highlight> h = new ArrayList<>(byLine.getOrDefault(t, List.of()));
                h.sort(java.util.Comparator.comparingInt(EvidencePack.Highlight::start));
                run.add(new EvidencePack.Line(t, s.speaker().wire(), s.text(), h));
            } else if (!run.isEmpty()) {
                excerpts.add(new EvidencePack.Excerpt(run));
                run = new ArrayList<>();
            }
        }
        if (!run.isEmpty()) {
            excerpts.add(new EvidencePack.Excerpt(run));
        }
        return new Excerpts(cues, excerpts);
    }

    /** The stored line of a cue: its turn when the words are there, else the first line of that speaker that has them. */
    private static int lineOf(List<TranscriptSegment> lines, CueSpans.CueRef r) {
        if (r.turn() < lines.size() && lines.get(r.turn()).speaker() == r.speaker()
                && !CueSpans.locate(lines.get(r.turn()).text(), r.evidence()).isEmpty()) {
            return r.turn();
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).speaker() == r.speaker() && !CueSpans.locate(lines.get(i).text(), r.evidence()).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private List<EvidencePack.AlertEntry> alertEntries(TenantId tenant, List<Alert> callAlerts) {
        Map<String, String> names = new HashMap<>();
        for (EmergencyContact c : contacts.list(tenant)) {
            names.put(c.phone().e164(), c.relationship() == null || c.relationship().isBlank()
                    ? c.name() : c.name() + " (" + c.relationship() + ")");
        }
        List<EvidencePack.AlertEntry> out = new ArrayList<>();
        for (Alert a : callAlerts) {
            String number = a.recipient().textedNumber().map(PhoneNumber::e164).orElse(null);
            out.add(new EvidencePack.AlertEntry(a.kind().wire(), number == null ? "conference" : number,
                    number == null ? null : names.get(number), a.status().wire(), a.attempts(), a.createdAt(), a.sentAt(),
                    a.lastError()));
        }
        return out;
    }

    /** Audit entries naming the call (its sid as target or in a detail) or one of its alerts, ascending. */
    private List<ChainedAuditEvent> entriesAbout(TenantId tenant, CallSid callSid, List<Alert> callAlerts) {
        Set<String> targets = new HashSet<>();
        targets.add(callSid.value());
        callAlerts.forEach(a -> targets.add(a.id().toString()));
        List<ChainedAuditEvent> out = new ArrayList<>();
        long after = 0;
        while (true) {
            List<ChainedAuditEvent> batch = chain.read(tenant, after, BATCH);
            for (ChainedAuditEvent e : batch) {
                if (targets.contains(e.event().target()) || e.event().details().containsValue(callSid.value())) {
                    out.add(e);
                }
                after = e.sequence();
            }
            if (batch.size() < BATCH) {
                return out;
            }
        }
    }

    /** What people did: every entry about the call whose actor is not the system itself. */
    private static List<EvidencePack.FamilyAction> actions(List<ChainedAuditEvent> entries) {
        List<EvidencePack.FamilyAction> out = new ArrayList<>();
        for (ChainedAuditEvent e : entries) {
            if (!e.event().actor().startsWith("system")) {
                out.add(new EvidencePack.FamilyAction(e.sequence(), e.event().at(), e.event().actor(), e.event().action(),
                        e.event().details()));
            }
        }
        return out;
    }

    private static EvidencePack.AuditProof proof(TenantId tenant, List<ChainedAuditEvent> entries, ChainVerification v) {
        List<EvidencePack.ProofEntry> proof = new ArrayList<>();
        for (ChainedAuditEvent e : entries) {
            proof.add(new EvidencePack.ProofEntry(e.sequence(), e.event().id().toString(), e.event().actor(),
                    e.event().action(), e.event().target(), AuditHashing.occurredAt(e.event().at()), e.event().details(),
                    e.previousHash(), e.hash(), AuditHashing.canonical(tenant, e.sequence(), e.event())));
        }
        return new EvidencePack.AuditProof("SHA-256",
                "Chaque entrée du journal d'audit est chaînée : hash = SHA-256(octets du hash précédent, écrit en "
                        + "hexadécimal ; rien pour la première entrée, || texte « canonical » en UTF-8). Recalculez le hash "
                        + "de chaque entrée avec n'importe quel outil SHA-256 et comparez-le à « hash » ; « canonical » "
                        + "reprend les champs de l'entrée. Le compte peut revérifier toute la chaîne (POST /audit/verify) "
                        + "et comparer la tête ci-dessous à celle notée ailleurs.",
                "Every audit entry is chained: hash = SHA-256(bytes of the previous hash, written in hex; nothing for the "
                        + "first entry, || the UTF-8 text of 'canonical'). Recompute each entry's hash with any SHA-256 tool "
                        + "and compare it with 'hash'; 'canonical' holds the entry's own fields. The account can re-verify "
                        + "the whole chain (POST /audit/verify) and compare the head below with one recorded elsewhere.",
                proof, v.intact(), v.eventsChecked(), v.headSequence(), v.headHash(), v.problem());
    }
}
