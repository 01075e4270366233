package com.ethiq.core.management.backoffice;

import com.ethiq.core.management.identity.NotFoundException;
import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.Permission;
import com.ethiq.core.management.identity.PermissionMatrix;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.CallLogs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Use cases: an account's calls (a filtered, cursor-paged list) and one call in detail with its transcript, AI
 * analysis and alerts. Every detail read is audited: transcripts are the most sensitive data we hold. Thread-safe.
 */
public final class CallQueryService {
    public static final int MAX_LIMIT = 200;
    private static final int MAX_BATCHES = 10;

    private final CallLogs callLogs;
    private final AlertOutbox alerts;
    private final AccessPolicy access;
    private final AuditRecorder audit;

    public CallQueryService(CallLogs callLogs, AlertOutbox alerts, AccessPolicy access, AuditRecorder audit) {
        this.callLogs = callLogs;
        this.alerts = alerts;
        this.access = access;
        this.audit = audit;
    }

    /** List filters; null means "any". {@code before} is the cursor of the previous page. */
    public record CallFilter(Instant before, int limit, Boolean fraudDetected, Instant since, CallProtection protection) {
        public CallFilter {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("'limit' must be 1-" + MAX_LIMIT + ", got " + limit);
            }
        }
    }

    /** Why a detail comes without its transcript (and without the cue words and AI analysis, which quote it). */
    public enum Withheld {
        /** A call judged clear: its words are the family's private life; only the account owner reads them. */
        CLEAR_CALL_OWNER_ONLY,
        /** The caller's role (viewer, platform operator) reads calls' metadata, never transcripts. */
        ROLE_CANNOT_READ_TRANSCRIPTS;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A call with everything a family needs to understand what happened. When {@code withheld} is set, the transcript
     * is empty and the call's explanation and AI analysis are blanked: metadata only. {@code viaOperator}: the reader
     * is a platform operator (the host masks the caller's number).
     */
    public record CallDetail(CallLog call, List<TranscriptSegment> transcript, List<Alert> alerts, Withheld withheld,
                             boolean viaOperator) {
        public CallDetail {
            transcript = List.copyOf(transcript);
            alerts = List.copyOf(alerts);
        }

        public CallDetail(CallLog call, List<TranscriptSegment> transcript, List<Alert> alerts) {
            this(call, transcript, alerts, null, false);
        }

        public java.util.Optional<Withheld> transcriptWithheld() {
            return java.util.Optional.ofNullable(withheld);
        }
    }

    /** The page and whether the caller sees it as an operator (then callers' numbers are masked by the host). */
    public record CallPage(Page<CallLog> page, boolean viaOperator) {
    }

    public CallPage list(Actor actor, TenantId tenant, CallFilter f) {
        AccessPolicy.Access a = access.require(actor, tenant, Permission.CALLS_READ);
        List<CallLog> out = new ArrayList<>();
        Instant cursor = f.before();
        boolean more = true;
        int batchSize = Math.max(f.limit(), 50);
        // The store pages by start time only; filters apply here, over a bounded number of batches. When the
        // bound is hit the cursor still points after the last row scanned, so the client just asks again.
        scan:
        for (int batch = 0; batch < MAX_BATCHES && out.size() < f.limit(); batch++) {
            List<CallLog> rows = callLogs.recent(tenant, cursor, batchSize);
            for (CallLog l : rows) {
                if (f.since() != null && l.startedAt().isBefore(f.since())) {
                    more = false;
                    break scan;
                }
                cursor = l.startedAt();
                if (matches(l, f)) {
                    out.add(l);
                    if (out.size() == f.limit()) {
                        break scan;
                    }
                }
            }
            if (rows.size() < batchSize) {
                more = false;
                break;
            }
        }
        String next = more && cursor != null ? cursor.toString() : null;
        return new CallPage(new Page<>(out, next), a.viaOperator());
    }

    private static boolean matches(CallLog l, CallFilter f) {
        return (f.fraudDetected() == null || l.fraudDetected() == f.fraudDetected())
                && (f.protection() == null || l.protection() == f.protection());
    }

    /**
     * The call with its alerts, and its transcript and AI analysis when the reader may see them: a role with
     * {@code transcripts:read}, and for a call judged clear the account owner only (privacy of ordinary calls).
     * Otherwise metadata only, saying why. A transcript served is audited as a transcript read.
     */
    public CallDetail detail(Actor actor, TenantId tenant, CallSid callSid) {
        AccessPolicy.Access a = access.require(actor, tenant, Permission.CALLS_READ);
        CallLog log = callLogs.find(tenant, callSid).orElseThrow(() -> new NotFoundException("call"));
        List<Alert> callAlerts = alerts.forCall(tenant, callSid);
        Withheld withheld = withheld(a, log);
        if (withheld != null) {
            CallLog metadata = new CallLog(log.tenant(), log.callSid(), log.caller(), log.startedAt(), log.endedAt(),
                    log.state(), log.protection(), log.fraudDetected(), log.verdict(), log.score(), log.category(), "",
                    null, log.ringResult(), log.ringLeg());
            return new CallDetail(metadata, List.of(), callAlerts, withheld, a.viaOperator());
        }
        access.require(actor, tenant, Permission.TRANSCRIPTS_READ); // step-up or operator rules, as before
        List<TranscriptSegment> transcript = callLogs.transcript(tenant, callSid);
        audit.record(actor, tenant, "call.transcript_read", callSid.value(),
                Map.of("segments", Integer.toString(transcript.size())));
        return new CallDetail(log, transcript, callAlerts, null, a.viaOperator());
    }

    /** Null when the transcript may be read. */
    private static Withheld withheld(AccessPolicy.Access a, CallLog log) {
        if (a.viaOperator() || a.role() == null || !PermissionMatrix.allows(a.role(), Permission.TRANSCRIPTS_READ)) {
            return Withheld.ROLE_CANNOT_READ_TRANSCRIPTS;
        }
        boolean clear = !log.fraudDetected() && "clear".equals(log.verdict());
        return clear && a.role() != Role.OWNER ? Withheld.CLEAR_CALL_OWNER_ONLY : null;
    }
}
