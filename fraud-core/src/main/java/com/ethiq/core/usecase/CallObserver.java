package com.ethiq.core.usecase;

import com.ethiq.core.audio.SpeechGate;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;

/**
 * Incoming notifications from the call path for the host: metrics, live dashboards, logs. Implementations must be
 * fast and must not throw (they run on the call path's threads). Every method has a no-op default.
 */
public interface CallObserver {
    CallObserver NONE = new CallObserver() {
    };

    default void sessionStarted(TenantId tenant, CallSid callSid) {
    }

    default void segment(TenantId tenant, CallSid callSid, TranscriptSegment segment) {
    }

    default void verdictChanged(TenantId tenant, CallSid callSid, Verdict verdict) {
    }

    /** Rule verdict at the moment a final segment was processed, with the time it took (for latency metrics). */
    default void detectionLatency(TenantId tenant, long nanos) {
    }

    default void aiOutcome(TenantId tenant, CallSid callSid, String outcome) {
    }

    /**
     * A call was marked a false alarm (by a relative's link or a member), once per call and path. {@code explanation}:
     * the call's verdict explanation as stored (its cues name the rules that fired), may be empty.
     */
    default void falseAlarm(TenantId tenant, CallSid callSid, String explanation) {
    }

    default void alertRaised(TenantId tenant, CallSid callSid, Alert alert) {
    }

    default void alertDelivered(TenantId tenant, Alert alert, boolean success, boolean permanent) {
    }

    /**
     * A scam's alerts reached {@code stage}; {@code kind} is the alert's for {@link AlertStage#SEND_STARTED}, empty for
     * the record stages (one per raise). Called on the store and send threads: must be fast.
     */
    default void alertStage(TenantId tenant, CallSid callSid, AlertStage stage, java.util.Optional<AlertKind> kind) {
    }

    default void speechFailed(TenantId tenant, CallSid callSid, Speaker speaker, String reason) {
    }

    /**
     * What the speech gate of one track sent the recogniser, and why (speech, pre-roll, endpointing tail); once per
     * track when the call ends, before {@link #sessionEnded}.
     */
    default void speechGated(TenantId tenant, CallSid callSid, Speaker speaker, SpeechGate.Figures figures) {
    }

    default void sessionEnded(TenantId tenant, CallSid callSid) {
    }

    /** One attempt to ring the protected person into the call's conference came to {@code outcome}. */
    default void protectedPersonRung(TenantId tenant, CallSid callSid, RingOutcome outcome) {
    }

    /**
     * The provider accepted to ring the protected person and expects to queue the call for {@code queueTime} before
     * placing it (its calls-per-second limit); zero most of the time, anything else means the account is saturated.
     */
    default void protectedPersonQueued(TenantId tenant, java.time.Duration queueTime) {
    }

    /** A spoken warning was requested ({@code replay} false) or requested again after the provider said it failed. */
    default void announcementRequested(TenantId tenant, boolean replay) {
    }

    /** The store refused a call path write ({@code available} false) or took one again after refusing ({@code true}). */
    default void storeAvailability(boolean available) {
    }

    /** A transcript line of this call was not kept: the in-memory backlog of writes was full. */
    default void storeWriteDropped(CallSid callSid) {
    }

    /** An alert went out from memory because the store could not record it first; it is recorded when the store returns. */
    default void alertSentFromMemory(TenantId tenant, CallSid callSid, Alert alert) {
    }
}
