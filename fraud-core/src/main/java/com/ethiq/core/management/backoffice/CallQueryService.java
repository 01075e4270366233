package com.ethiq.core.management.backoffice;

import com.ethiq.core.management.identity.NotFoundException;
import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.Permission;
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

    /** A call with everything a family needs to understand what happened. */
    public record CallDetail(CallLog call, List<TranscriptSegment> transcript, List<Alert> alerts) {
        public CallDetail {
            transcript = List.copyOf(transcript);
            alerts = List.copyOf(alerts);
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

    /** The call with transcript, AI analysis and alerts; audited as a transcript read. */
    public CallDetail detail(Actor actor, TenantId tenant, CallSid callSid) {
        access.require(actor, tenant, Permission.TRANSCRIPTS_READ);
        CallLog log = callLogs.find(tenant, callSid).orElseThrow(() -> new NotFoundException("call"));
        List<TranscriptSegment> transcript = callLogs.transcript(tenant, callSid);
        audit.record(actor, tenant, "call.transcript_read", callSid.value(),
                Map.of("segments", Integer.toString(transcript.size())));
        return new CallDetail(log, transcript, alerts.forCall(tenant, callSid));
    }
}
