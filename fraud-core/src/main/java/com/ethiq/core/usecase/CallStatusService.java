package com.ethiq.core.usecase;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallLogs;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * Use case: status callbacks from the telephony provider (call and conference events) move the call log forward
 * and end the live session when the call is over. Out-of-order callbacks never move a call backwards. Thread-safe.
 */
public final class CallStatusService {
    private final CallLogs callLogs;
    private final CallSessions sessions;
    private final Clock clock;

    CallStatusService(CallLogs callLogs, CallSessions sessions, Clock clock) {
        this.callLogs = callLogs;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Maps a provider status word ("ringing", "in-progress", "completed", "busy"…) to our state; empty if unknown. */
    public static Optional<CallState> stateOf(String providerStatus) {
        if (providerStatus == null) {
            return Optional.empty();
        }
        return switch (providerStatus.trim().toLowerCase(Locale.ROOT)) {
            case "queued", "initiated", "ringing" -> Optional.of(CallState.RINGING);
            case "in-progress", "answered" -> Optional.of(CallState.IN_PROGRESS);
            case "completed", "busy", "failed", "no-answer", "canceled" -> Optional.of(CallState.ENDED);
            default -> Optional.empty();
        };
    }

    /** Returns false if the tenant has no such call. */
    public boolean onCallStatus(TenantId tenant, CallSid callSid, CallState state) {
        boolean known = callLogs.updateState(tenant, callSid, state, clock.instant());
        if (known && state == CallState.ENDED) {
            sessions.find(callSid).filter(s -> s.tenant().id().equals(tenant)).ifPresent(CallSession::end);
        }
        return known;
    }
}
