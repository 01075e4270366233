package com.ethiq.core.usecase;

import com.ethiq.core.audio.SpeechGate;
import com.ethiq.core.caller.CallerContext;
import com.ethiq.core.caller.CallerScreening;
import com.ethiq.core.caller.CallerSignals;
import com.ethiq.core.detection.DetectionEngine;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.ScamAnalyzer;
import com.ethiq.core.port.SpeechTranscriber;
import com.ethiq.core.port.UsageLedger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Use case: the media stream lifecycle (start, audio, stop). Keeps this node's live sessions by call sid so a second
 * socket for the same call is refused instead of doubling transcription and alerts (the call sid comes from a
 * verified per-call token, not from caller input). Thread-safe.
 */
public final class CallSessions {
    private final ConcurrentHashMap<CallSid, CallSession> live = new ConcurrentHashMap<>();
    private final CallPath path;

    /**
     * {@code analyzer} may be null (the rules decide alone); AI requests run on {@code aiExecutor}; the transcriber's
     * results are judged in order per stream on the thread that delivers them, after the push that produced them
     * ({@link TranscriptHandOff}); a scam's raise, which waits for the alerts' commit, runs on {@code raiseExecutor}
     * (the core's {@code ethiq-transcripts} threads), never on the thread that judged it. The sessions' store writes
     * go through {@code writes} (never waited for by detection). The tenants' daily AI budgets are counted in {@code aiBudgetLedger} (shared by the cluster when it is the store's).
     */
    public CallSessions(DetectionEngine engine, SpeechTranscriber transcriber, Executor raiseExecutor, ScamAnalyzer analyzer, CallLogs callLogs,
                        UsageLedger usage, AuditTrail audit, AlertService alerts, IdGenerator ids, Clock clock,
                        Executor aiExecutor, EscalationPolicy escalation, CallObserver observer, WriteBehind writes,
                        SpeechGate.Settings speechGate, CallerScreening screening, CallerSignals signals,
                        com.ethiq.core.port.AiBudgetLedger aiBudgetLedger) {
        this(new CallPath(Objects.requireNonNull(engine, "'engine' must not be null"),
                new TranscriptHandOff(transcriber), analyzer,
                Objects.requireNonNull(callLogs, "'callLogs' must not be null"), Objects.requireNonNull(usage, "'usage' must not be null"),
                Objects.requireNonNull(audit, "'audit' must not be null"), Objects.requireNonNull(alerts, "'alerts' must not be null"),
                Objects.requireNonNull(ids, "'ids' must not be null"), Objects.requireNonNull(clock, "'clock' must not be null"),
                Objects.requireNonNull(aiExecutor, "'aiExecutor' must not be null"), new AiBudget(aiBudgetLedger, clock),
                Objects.requireNonNull(escalation, "'escalation' must not be null"),
                Objects.requireNonNull(observer, "'observer' must not be null"),
                Objects.requireNonNull(writes, "'writes' must not be null"),
                Objects.requireNonNull(speechGate, "'speechGate' must not be null"), screening,
                Objects.requireNonNull(signals, "'signals' must not be null"),
                Objects.requireNonNull(raiseExecutor, "'raiseExecutor' must not be null")));
    }

    CallSessions(CallPath path) {
        this.path = path;
    }

    /**
     * Command: a media stream authenticated for this tenant and call. {@code generation} 0 is the call's first stream;
     * a later one is the call streamed again after its node died, which resumes from the transcript stored so far.
     */
    public record StreamStart(Tenant tenant, CallSid callSid, int generation) {
        public StreamStart {
            Objects.requireNonNull(tenant, "'tenant' must not be null");
            Objects.requireNonNull(callSid, "'callSid' must not be null");
            if (generation < 0) {
                throw new IllegalArgumentException("'generation' must be >= 0, got " + generation);
            }
        }

        public StreamStart(Tenant tenant, CallSid callSid) {
            this(tenant, callSid, 0);
        }
    }

    /** Told when a session starts and ends on this node (e.g. to hold and release the call's lease). */
    public interface SessionListener {
        void started(CallSession session);

        void ended(CallSession session);
    }

    private final List<SessionListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public void listen(SessionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "'listener' must not be null"));
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
        CallSession session = new CallSession(command.tenant(), command.callSid(), path, caller(command));
        CallSession existing = live.putIfAbsent(command.callSid(), session);
        if (existing != null) {
            return new AlreadyActive(command.callSid());
        }
        session.onEnd(() -> {
            live.remove(command.callSid(), session);
            listeners.forEach(l -> l.ended(session));
        });
        try {
            List<String> hints = new ArrayList<>(path.engine().speechHints(command.tenant().settings().language(), 400));
            command.tenant().settings().customPhrases().forEach(p -> hints.add(p.phrase()));
            session.open(hints, command.generation() == 0 ? List.of() : heardBefore(command));
        } catch (RuntimeException e) {
            session.end();
            throw e;
        }
        listeners.forEach(l -> l.started(session));
        return new Started(session);
    }

    /** What the call's earlier stream heard (stored final segments); nothing if the store is away. */
    private List<com.ethiq.core.domain.TranscriptSegment> heardBefore(StreamStart command) {
        return path.writes().readBehind("transcript", () -> path.callLogs().transcript(command.tenant().id(), command.callSid()))
                .orElse(List.of());
    }

    /** Who is calling: screened again from the call log's number (the media socket may reach another node). */
    private CallerContext caller(StreamStart command) {
        return path.writes().readBehind("caller", () -> {
            String from = path.callLogs().find(command.tenant().id(), command.callSid()).map(CallLog::caller).orElse("");
            return path.screening() == null ? CallerContext.unknown(from)
                    : path.screening().forSession(command.tenant().id(), command.callSid(), from);
        }).orElseGet(() -> CallerContext.unknown("")); // the store is away: protected as a stranger's rather than not at all
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
