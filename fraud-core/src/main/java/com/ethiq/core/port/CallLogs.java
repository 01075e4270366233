package com.ethiq.core.port;

import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.RingResult;
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

    /**
     * The one media stream of a call: true the first time it is asked for a call that is logged and not ended, false
     * ever after (on every node sharing the store). The call log is the anchor that makes a replayed incoming-call
     * webhook, or a second token minted for the same call, unable to open a second stream.
     */
    boolean claimMediaStream(TenantId tenant, CallSid callSid);

    /**
     * The media stream of one generation of a call: generation 0 is the stream the call started with
     * ({@link #claimMediaStream(TenantId, CallSid)}); a stream started again after its node died carries the next
     * generation. True once per generation, only while the call is not ended and no later generation was claimed, so a
     * token of an earlier stream opens nothing once a later one streams.
     */
    default boolean claimMediaStream(TenantId tenant, CallSid callSid, int generation) {
        return generation == 0 && claimMediaStream(tenant, callSid);
    }

    /** Remembers the protected person's leg of the call (first value wins). False if the call is absent. */
    boolean recordRingLeg(TenantId tenant, CallSid callSid, CallSid leg);

    /**
     * Records how ringing the protected person ended. Only the first outcome is kept: true if this call recorded it
     * (the caller acts on it, exactly once across retries and nodes), false if one was already there or the call is absent.
     */
    boolean recordRingResult(TenantId tenant, CallSid callSid, RingResult result);

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

    /**
     * Deletes the transcript segments of calls judged clear (no fraud detected, verdict clear) that started before
     * {@code cutoff}; returns how many segments went. A store that cannot tell keeps them until
     * {@link #purgeTranscripts} (the default: nothing here), never shorter than asked by the account's retention.
     */
    default int purgeClearTranscripts(TenantId tenant, Instant cutoff) {
        return 0;
    }
}
