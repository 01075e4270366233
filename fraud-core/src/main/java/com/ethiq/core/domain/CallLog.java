package com.ethiq.core.domain;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of one call for a tenant: who called, when, whether it was protected, what detection concluded.
 * {@code caller} is kept as the provider gave it (it may be "anonymous"). The transcript lives in segments.
 * {@code attestation} is the carrier's caller-ID verification as the caller package names it ("passed_a", "failed",
 * "not_verified"...; see {@code com.ethiq.core.caller.Attestation#wire}), empty when the provider passed none on: it
 * is kept as text so that the domain does not depend on the caller package.
 */
public record CallLog(TenantId tenant, CallSid callSid, String caller, Instant startedAt, Instant endedAt,
                      CallState state, CallProtection protection, boolean fraudDetected, String verdict,
                      double score, ScamCategory category, String explanation, AiAnalysis aiAnalysis,
                      RingResult ringResult, CallSid ringLeg, String attestation) {
    public CallLog {
        attestation = attestation == null || attestation.equals("absent") ? "" : attestation;
        if (!attestation.matches("[a-z_]{0,20}")) {
            throw new IllegalArgumentException("'attestation' must be a wire name such as 'passed_a', got '" + attestation + "'");
        }
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        caller = caller == null ? "" : caller;
        Objects.requireNonNull(startedAt, "'startedAt' must not be null");
        Objects.requireNonNull(state, "'state' must not be null");
        Objects.requireNonNull(protection, "'protection' must not be null");
        verdict = verdict == null ? "clear" : verdict;
        category = category == null ? ScamCategory.NONE : category;
        explanation = explanation == null ? "" : explanation;
    }

    /** A call without a caller-ID verification. */
    public CallLog(TenantId tenant, CallSid callSid, String caller, Instant startedAt, Instant endedAt, CallState state,
                   CallProtection protection, boolean fraudDetected, String verdict, double score, ScamCategory category,
                   String explanation, AiAnalysis aiAnalysis, RingResult ringResult, CallSid ringLeg) {
        this(tenant, callSid, caller, startedAt, endedAt, state, protection, fraudDetected, verdict, score, category,
                explanation, aiAnalysis, ringResult, ringLeg, "");
    }

    /** A call whose protected person was not (or not yet) rung. */
    public CallLog(TenantId tenant, CallSid callSid, String caller, Instant startedAt, Instant endedAt, CallState state,
                   CallProtection protection, boolean fraudDetected, String verdict, double score, ScamCategory category,
                   String explanation, AiAnalysis aiAnalysis) {
        this(tenant, callSid, caller, startedAt, endedAt, state, protection, fraudDetected, verdict, score, category,
                explanation, aiAnalysis, null, null);
    }

    /** A call that just started ringing, nothing detected yet. */
    public static CallLog started(TenantId tenant, CallSid callSid, String caller, Instant at, CallProtection protection) {
        return new CallLog(tenant, callSid, caller, at, null, CallState.RINGING, protection, false, "clear", 0.0,
                ScamCategory.NONE, "", null);
    }

    /** A call that just started ringing, with the carrier's caller-ID verification ({@code ""} when none). */
    public static CallLog started(TenantId tenant, CallSid callSid, String caller, Instant at, CallProtection protection,
                                  String attestation) {
        return new CallLog(tenant, callSid, caller, at, null, CallState.RINGING, protection, false, "clear", 0.0,
                ScamCategory.NONE, "", null, null, null, attestation);
    }

    public Optional<Instant> ended() {
        return Optional.ofNullable(endedAt);
    }

    /** How ringing the protected person ended; empty while it rings (or for a call that never rings anyone). */
    public Optional<RingResult> ring() {
        return Optional.ofNullable(ringResult);
    }

    /** The provider's call sid of the protected person's leg, once known. */
    public Optional<CallSid> protectedLeg() {
        return Optional.ofNullable(ringLeg);
    }

    public CallLog withRing(RingResult result, CallSid leg) {
        return new CallLog(tenant, callSid, caller, startedAt, endedAt, state, protection, fraudDetected, verdict, score,
                category, explanation, aiAnalysis, result, leg, attestation);
    }

    /** The carrier's caller-ID verification, when it passed one on. */
    public Optional<String> callerVerification() {
        return attestation.isEmpty() ? Optional.empty() : Optional.of(attestation);
    }

    public Optional<AiAnalysis> ai() {
        return Optional.ofNullable(aiAnalysis);
    }
}
