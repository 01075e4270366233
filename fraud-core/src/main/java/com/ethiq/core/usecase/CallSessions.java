package com.ethiq.core.usecase;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Use case: the media stream lifecycle (start, audio, stop). Keeps this node's live sessions by call sid so a second
 * socket for the same call is refused instead of doubling transcription and alerts (the call sid comes from a
 * verified per-call token, not from caller input). Thread-safe.
 */
public final class CallSessions {
    private final ConcurrentHashMap<CallSid, CallSession> live = new ConcurrentHashMap<>();
    private final CallPath path;

    CallSessions(CallPath path) {
        this.path = path;
    }

    /** Command: a media stream authenticated for this tenant and call. */
    public record StreamStart(Tenant tenant, CallSid callSid) {
        public StreamStart {
            Objects.requireNonNull(tenant, "'tenant' must not be null");
            Objects.requireNonNull(callSid, "'callSid' must not be null");
        }
    }

    /** Outcome of a start. */
    public sealed interface StartResult permits Started, AlreadyActive {
    }

    public record Started(CallSession session) implements StartResult {
    }

    /** Another connection already streams this call on this node. */
    public record AlreadyActive(CallSid callSid) implements StartResult {
    }

    public StartResult start(StreamStart command) {
        CallSession session = new CallSession(command.tenant(), command.callSid(), path);
        CallSession existing = live.putIfAbsent(command.callSid(), session);
        if (existing != null) {
            return new AlreadyActive(command.callSid());
        }
        session.onEnd(() -> live.remove(command.callSid(), session));
        try {
            List<String> hints = new ArrayList<>(path.engine().speechHints(command.tenant().settings().language(), 400));
            command.tenant().settings().customPhrases().forEach(p -> hints.add(p.phrase()));
            session.open(hints);
        } catch (RuntimeException e) {
            session.end();
            throw e;
        }
        return new Started(session);
    }

    public Optional<CallSession> find(CallSid callSid) {
        return Optional.ofNullable(live.get(callSid));
    }

    public int liveCount() {
        return live.size();
    }

    public List<CallSession> live() {
        return List.copyOf(live.values());
    }

    /** Ends every live session (graceful shutdown). */
    public void endAll() {
        live.values().forEach(CallSession::end);
    }
}
