package com.ethiq.core.usecase;

import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallLogs;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: status callbacks from the telephony provider (call and conference events) move the call log forward
 * and end the live session when the call is over; a media stream the provider could not keep marks the call as not
 * listened to. Out-of-order callbacks never move a call backwards. The provider's own words are read by its adapter
 * (into {@link CallState}) before they reach this class. Thread-safe.
 */
public final class CallStatusService {
    private static final Logger log = LoggerFactory.getLogger(CallStatusService.class);

    private final CallLogs callLogs;
    private final CallSessions sessions;
    private final Clock clock;
    private final WriteBehind writes;

    private final RingOutcomes ring;

    public CallStatusService(CallLogs callLogs, CallSessions sessions, Clock clock, RingOutcomes ring, WriteBehind writes) {
        this.writes = Objects.requireNonNull(writes, "'writes' must not be null");
        this.callLogs = Objects.requireNonNull(callLogs, "'callLogs' must not be null");
        this.sessions = Objects.requireNonNull(sessions, "'sessions' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.ring = Objects.requireNonNull(ring, "'ring' must not be null");
    }

    /**
     * Returns false if the tenant has no such call. While the store is unavailable (or this call's earlier writes
     * still wait for it) the change is written behind and the call counts as known if it streams here.
     */
    public boolean onCallStatus(TenantId tenant, CallSid callSid, CallState state) {
        var at = clock.instant();
        boolean known;
        if (writes.storeDown() || writes.hasPending(callSid)) {
            writes.submit(callSid, WriteBehind.Write.kept("call state", () -> callLogs.updateState(tenant, callSid, state, at)));
            known = true;
        } else {
            try {
                known = callLogs.updateState(tenant, callSid, state, at);
            } catch (com.ethiq.core.port.PersistenceException e) {
                writes.submit(callSid, WriteBehind.Write.kept("call state", () -> callLogs.updateState(tenant, callSid, state, at)));
                known = true;
            }
        }
        if (known && state == CallState.ENDED) {
            sessions.find(callSid).filter(s -> s.tenant().id().equals(tenant)).ifPresent(CallSession::end);
            // the ring outcome reads the call log: behind the call's earlier writes while the store is away
            writes.writeNowOrLater(callSid, "ring outcome", () -> ring.callerEnded(tenant, callSid));
        }
        return known;
    }

    /**
     * The call's conference ended, or the caller left it. That ends the call, unless the caller was taken out of it
     * on purpose (the protected person did not answer: voicemail or message): the call then goes on, still listened
     * to, until its own status says it is over. Returns false if the tenant has no such call.
     */
    public boolean onConferenceOver(TenantId tenant, CallSid callSid) {
        Optional<Optional<CallLog>> read = writes.readBehind("call log", () -> callLogs.find(tenant, callSid));
        if (read.isEmpty()) {
            // Whether the caller was diverted cannot be read now: the call's own status callback will end it.
            return true;
        }
        Optional<CallLog> call = read.get();
        if (call.isEmpty()) {
            return false;
        }
        if (RingOutcomes.diverted(call.get())) {
            return true;
        }
        return onCallStatus(tenant, callSid, CallState.ENDED);
    }

    /**
     * The provider reports that the call's media stream failed: nobody listens to this call any more, and its log
     * says so (the person is still connected; only the protection is gone). Returns false if the tenant has no such call.
     */
    public boolean onMediaStreamFailed(TenantId tenant, CallSid callSid) {
        log.warn("the provider reports a media stream error on call {} (tenant {}): the call is not listened to", callSid, tenant);
        try {
            return callLogs.updateProtection(tenant, callSid, CallProtection.UNPROTECTED_NO_MEDIA);
        } catch (com.ethiq.core.port.PersistenceException e) {
            writes.submit(callSid, WriteBehind.Write.kept("protection",
                    () -> callLogs.updateProtection(tenant, callSid, CallProtection.UNPROTECTED_NO_MEDIA)));
            return true;
        }
    }
}
