package com.ethiq.core.port;

import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port: the log of each tenant's calls and their transcripts. Scoped to one tenant; a call sid that
 * belongs to another tenant behaves as absent. Thread-safe.
 */
public interface CallLogs {

    /** Records a new call; returns false (and changes nothing) if this call is already logged. */
    boolean open(CallLog log);

    /** Moves the call forward (ringing → in progress → ended); never backwards. False if absent. */
    boolean updateState(TenantId tenant, CallSid callSid, CallState state, Instant at);

    /** Changes the protection status (e.g. speech became unavailable). False if absent. */
    boolean updateProtection(TenantId tenant, CallSid callSid, CallProtection protection);

    /** Appends one final transcript segment (partials are not stored). */
    void appendSegment(TenantId tenant, CallSid callSid, TranscriptSegment segment);

    /** Stores the latest detection verdict; {@code fraud_detected} stays true once set. */
    void recordVerdict(TenantId tenant, CallSid callSid, Verdict verdict);

    void recordAiAnalysis(TenantId tenant, CallSid callSid, AiAnalysis analysis);

    Optional<CallLog> find(TenantId tenant, CallSid callSid);

    /** Final segments of the call in the order they were appended. */
    List<TranscriptSegment> transcript(TenantId tenant, CallSid callSid);

    /** Newest first, at most {@code limit} calls started before {@code before} (null = now). */
    List<CallLog> recent(TenantId tenant, Instant before, int limit);

    /** Deletes transcript segments of calls that started before {@code cutoff}; returns how many segments went. */
    int purgeTranscripts(TenantId tenant, Instant cutoff);
}
