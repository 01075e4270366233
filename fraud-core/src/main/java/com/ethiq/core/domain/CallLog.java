package com.ethiq.core.domain;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of one call for a tenant: who called, when, whether it was protected, what detection concluded.
 * {@code caller} is kept as the provider gave it (it may be "anonymous"). The transcript lives in segments.
 */
public record CallLog(TenantId tenant, CallSid callSid, String caller, Instant startedAt, Instant endedAt,
                      CallState state, CallProtection protection, boolean fraudDetected, String verdict,
                      double score, ScamCategory category, String explanation, AiAnalysis aiAnalysis) {
    public CallLog {
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

    /** A call that just started ringing, nothing detected yet. */
    public static CallLog started(TenantId tenant, CallSid callSid, String caller, Instant at, CallProtection protection) {
        return new CallLog(tenant, callSid, caller, at, null, CallState.RINGING, protection, false, "clear", 0.0,
                ScamCategory.NONE, "", null);
    }

    public Optional<Instant> ended() {
        return Optional.ofNullable(endedAt);
    }

    public Optional<AiAnalysis> ai() {
        return Optional.ofNullable(aiAnalysis);
    }
}
