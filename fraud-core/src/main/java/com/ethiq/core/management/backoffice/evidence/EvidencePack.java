package com.ethiq.core.management.backoffice.evidence;

import com.ethiq.core.management.backoffice.evidence.ReportingPaths.ReportingPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a family hands to its bank or the police about one call judged a scam (or suspect): the account, the
 * caller and the carrier's attestation, times, the transcript excerpts around each cue with the cue's characters, the
 * verdict, the alerts and their delivery, what the family did, the audit-chain proof of those records, and where to
 * report. Plain data: the renderers (JSON, PDF) live in the host. Immutable.
 */
public record EvidencePack(int formatVersion, Instant generatedAt, String generatedFor, Account account, Call call,
                           Judgement verdict, Transcript transcript, List<Cue> cues, List<Excerpt> excerpts,
                           List<AlertEntry> alerts, List<FamilyAction> familyActions, AuditProof proof,
                           List<ReportingPath> reportingPaths) {
    public static final int FORMAT_VERSION = 1;

    public EvidencePack {
        Objects.requireNonNull(generatedAt, "'generatedAt' must not be null");
        Objects.requireNonNull(account, "'account' must not be null");
        Objects.requireNonNull(call, "'call' must not be null");
        Objects.requireNonNull(verdict, "'verdict' must not be null");
        Objects.requireNonNull(transcript, "'transcript' must not be null");
        Objects.requireNonNull(proof, "'proof' must not be null");
        cues = List.copyOf(cues);
        excerpts = List.copyOf(excerpts);
        alerts = List.copyOf(alerts);
        familyActions = List.copyOf(familyActions);
        reportingPaths = List.copyOf(reportingPaths);
    }

    /** The protected account; {@code number} is the Ethiq number calls arrive on (null while none is assigned). */
    public record Account(String id, String name, String number, String language) {
    }

    /**
     * The call. {@code attestation} is the carrier's caller-ID verification as Twilio passed it (StirVerstat:
     * passed_a/b/c, failed, not_verified) or {@code absent} (the usual case for calls within France).
     */
    public record Call(String callSid, String caller, String attestation, Instant startedAt, Instant endedAt,
                       Long durationSeconds, String protection, String state, String ringResult) {
    }

    /** What detection concluded; {@code ai*} are empty when no AI analysis ran. */
    public record Judgement(String label, double score, String category, String explanation, Boolean aiScam,
                            Double aiConfidence, List<String> aiReasons) {
        public Judgement {
            aiReasons = aiReasons == null ? List.of() : List.copyOf(aiReasons);
        }
    }

    /** Whether the transcript is in the pack: {@code included}, {@code purged} (retention or erasure), {@code not_stored}. */
    public record Transcript(String status, int segments, String noteFr, String noteEn) {
    }

    /** One cue of the verdict; {@code located} is false when its words could not be found in the stored lines. */
    public record Cue(int index, String kind, String evidence, int turn, String speaker, String ruleId, boolean located) {
    }

    /** Consecutive transcript lines around one or more cues. */
    public record Excerpt(List<Line> lines) {
        public Excerpt {
            lines = List.copyOf(lines);
        }
    }

    /** One spoken line; each highlight is {@code [start, end)} characters of {@code text} for cue {@code cue}. */
    public record Line(int turn, String speaker, String text, List<Highlight> highlights) {
        public Line {
            highlights = List.copyOf(highlights);
        }
    }

    public record Highlight(int start, int end, int cue) {
    }

    /** One alert: {@code kind} sms/announcement/phone_offline, its recipient and how its delivery went. */
    public record AlertEntry(String kind, String recipient, String recipientName, String status, int attempts,
                             Instant createdAt, Instant sentAt, String lastError) {
    }

    /** Something a person did about the call, read from the audit trail (family link actions, false alarm, reads). */
    public record FamilyAction(long sequence, Instant at, String actor, String action, Map<String, String> details) {
        public FamilyAction {
            details = Map.copyOf(details);
        }
    }

    /**
     * The audit entries about this call as stored in the account's hash chain, and the state of the whole chain when
     * the pack was made. Each entry verifies alone: {@code hash = SHA-256(bytes of previousHash (hex, none for the
     * first) || UTF-8 of canonical)}; {@code canonical} is the JSON of the entry's own fields.
     */
    public record AuditProof(String algorithm, String methodFr, String methodEn, List<ProofEntry> entries,
                             boolean chainIntact, long eventsChecked, long headSequence, String headHash,
                             String problem) {
        public AuditProof {
            entries = List.copyOf(entries);
        }
    }

    public record ProofEntry(long sequence, String id, String actor, String action, String target, String occurredAt,
                             Map<String, String> details, String previousHash, String hash, String canonical) {
        public ProofEntry {
            details = Map.copyOf(details);
        }
    }
}
