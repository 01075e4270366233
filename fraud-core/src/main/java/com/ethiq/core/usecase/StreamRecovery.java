package com.ethiq.core.usecase;

import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.CallLeases;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.MediaStreamTargets;
import com.ethiq.core.port.UsageLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: calls outlive the node that streamed them. Each call streamed here holds a lease ({@link CallLeases}),
 * renewed for all of this node's calls in one write per {@link Settings#heartbeat()}; every node sweeps for leases
 * that have not been renewed for {@link Settings#lapseAfter()} (their node died or lost the store), claims them (once
 * across nodes) and, for each, asks the provider whether the call is still live: if so it starts a new stream on it
 * ({@link CallControl#startStream}) to the host's media URL with a fresh token of the next stream generation (the media
 * claim accepts it once, an earlier stream's token no more), and the session that stream opens, on whichever node it
 * lands, resumes from the stored transcript; if not, it closes the call log and records the call's usage. A call
 * that could not be streamed again after {@link Settings#maxGenerations()} tries is closed as not listened to.
 * Thread-safe.
 */
public final class StreamRecovery implements CallSessions.SessionListener {
    private static final Logger log = LoggerFactory.getLogger(StreamRecovery.class);

    /**
     * {@code heartbeat}: how often this node renews its leases (and sweeps); {@code lapseAfter}: how long a lease may
     * go without renewal before survivors take the call (several heartbeats, so one slow write is no death);
     * {@code maxPerPass}: leases claimed per sweep; {@code parallelism}: calls recovered at once;
     * {@code pendingFor}: how long this node keeps renewing a call it asked the provider to stream again while that
     * stream has not started anywhere (after that the lease lapses and another try is made);
     * {@code maxGenerations}: tries per call.
     */
    public record Settings(Duration heartbeat, Duration lapseAfter, int maxPerPass, int parallelism, Duration pendingFor,
                           int maxGenerations) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(1), Duration.ofSeconds(4), 200, 16,
                Duration.ofSeconds(15), 5);

        public Settings {
            requirePositive(heartbeat, "heartbeat");
            requirePositive(lapseAfter, "lapseAfter");
            requirePositive(pendingFor, "pendingFor");
            if (lapseAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("'lapseAfter' must be at least two heartbeats, got " + lapseAfter
                        + " for a heartbeat of " + heartbeat);
            }
            if (maxPerPass < 1 || parallelism < 1 || maxGenerations < 1) {
                throw new IllegalArgumentException("'maxPerPass', 'parallelism' and 'maxGenerations' must be >= 1");
            }
        }

        private static void requirePositive(Duration d, String name) {
            Objects.requireNonNull(d, "'" + name + "' must not be null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("'" + name + "' must be positive, got " + d);
            }
        }
    }

    /** What one sweep did ({@code claimed} also counts leases of calls that were streaming here all along). */
    public record Pass(int claimed, int streamedAgain, int closed, int failed) {
        static final Pass NONE = new Pass(0, 0, 0, 0);
    }

    private enum Outcome { STREAMED_AGAIN, CLOSED, FAILED, KEPT }

    private final String node;
    private final CallLeases leases;
    private final CallLogs callLogs;
    private final CallControl callControl;
    private final MediaStreamTargets targets;
    private final UsageLedger usage;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final WriteBehind writes;
    private final CallSessions sessions;
    private final Executor executor;
    private final Settings settings;
    /** Calls this node asked the provider to stream again, and when: renewed until the stream starts somewhere. */
    private final ConcurrentHashMap<CallSid, Instant> pending = new ConcurrentHashMap<>();
    /** Calls streamed here whose lease is not taken yet, by call. */
    private final ConcurrentHashMap<CallSid, TenantId> unheld = new ConcurrentHashMap<>();
    /** When this node last failed to reach the lease store; sweeping waits until every node had time to renew. */
    private volatile Instant storeTroubleAt;

    public StreamRecovery(String node, CallLeases leases, CallLogs callLogs, CallControl callControl,
                          MediaStreamTargets targets, UsageLedger usage, AuditTrail audit, IdGenerator ids, Clock clock,
                          WriteBehind writes, CallSessions sessions, Executor executor, Settings settings) {
        this.node = CallLeases.requireNode(node);
        this.leases = Objects.requireNonNull(leases, "'leases' must not be null");
        this.callLogs = Objects.requireNonNull(callLogs, "'callLogs' must not be null");
        this.callControl = Objects.requireNonNull(callControl, "'callControl' must not be null");
        this.targets = Objects.requireNonNull(targets, "'targets' must not be null");
        this.usage = Objects.requireNonNull(usage, "'usage' must not be null");
        this.audit = Objects.requireNonNull(audit, "'audit' must not be null");
        this.ids = Objects.requireNonNull(ids, "'ids' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.writes = Objects.requireNonNull(writes, "'writes' must not be null");
        this.sessions = Objects.requireNonNull(sessions, "'sessions' must not be null");
        this.executor = Objects.requireNonNull(executor, "'executor' must not be null");
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
    }

    public String node() {
        return node;
    }

    public Settings settings() {
        return settings;
    }

    /** Calls asked to stream again from this node whose stream has not started yet. */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * Takes the call's lease off the call's own queue of writes (it must never delay them), on the recovery executor;
     * a lease that could not be taken yet (the store is away, or the call log is still being written) is taken by the
     * next heartbeat.
     */
    @Override
    public void started(CallSession session) {
        CallSid sid = session.callSid();
        pending.remove(sid);
        unheld.put(sid, session.tenant().id());
        try {
            executor.execute(() -> tryHold(sid));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the node is stopping: the call ends with it
        }
    }

    @Override
    public void ended(CallSession session) {
        CallSid sid = session.callSid();
        TenantId tenant = session.tenant().id();
        unheld.remove(sid);
        Runnable release = () -> {
            try {
                leases.release(tenant, sid, node);
            } catch (RuntimeException e) {
                // left to lapse: the sweeper finds the call ended and drops the lease
                log.info("releasing the lease of call {} failed: {}", sid, e.toString());
            }
        };
        try {
            executor.execute(release);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.info("the lease of call {} is left to lapse (node stopping)", sid);
        }
    }

    private void tryHold(CallSid sid) {
        TenantId tenant = unheld.get(sid);
        if (tenant == null) {
            return;
        }
        try {
            if (leases.hold(tenant, sid, node, clock.instant())) {
                unheld.remove(sid, tenant);
            }
        } catch (RuntimeException e) {
            log.info("taking the lease of call {} failed (the next heartbeat tries again): {}", sid, e.toString());
        }
    }

    /** Renews, in one write, the leases of every call streamed here or asked to stream again from here. */
    public int heartbeat() {
        unheld.keySet().forEach(this::tryHold);
        Instant now = clock.instant();
        pending.entrySet().removeIf(e -> e.getValue().plus(settings.pendingFor()).isBefore(now));
        Set<CallSid> mine = new LinkedHashSet<>(pending.keySet());
        sessions.live().forEach(s -> mine.add(s.callSid()));
        if (mine.isEmpty()) {
            return 0;
        }
        try {
            return leases.renew(node, mine, now);
        } catch (RuntimeException e) {
            storeTroubleAt = now;
            log.warn("renewing the leases of {} call(s) failed: {}", mine.size(), e.toString());
            return 0;
        }
    }

    /**
     * Claims lapsed leases and recovers each call (in parallel on the executor, waited for). Skipped while this node
     * itself could not reach the store lately: other nodes may not have renewed since it returned.
     */
    public Pass sweep() {
        Instant now = clock.instant();
        Instant trouble = storeTroubleAt;
        if (trouble != null && now.isBefore(trouble.plus(settings.lapseAfter()).plus(settings.heartbeat()))) {
            return Pass.NONE;
        }
        List<CallLeases.Lapsed> claimed;
        try {
            claimed = leases.claimLapsed(node, now.minus(settings.lapseAfter()), now, settings.maxPerPass());
        } catch (RuntimeException e) {
            storeTroubleAt = now;
            log.warn("sweeping lapsed call leases failed: {}", e.toString());
            return Pass.NONE;
        }
        if (claimed.isEmpty()) {
            return Pass.NONE;
        }
        List<CompletableFuture<Outcome>> work = new ArrayList<>(claimed.size());
        for (CallLeases.Lapsed lapsed : claimed) {
            work.add(CompletableFuture.supplyAsync(() -> recover(lapsed), executor)
                    .exceptionally(e -> Outcome.FAILED));
        }
        int again = 0;
        int closed = 0;
        int failed = 0;
        for (CompletableFuture<Outcome> w : work) {
            switch (w.join()) {
                case STREAMED_AGAIN -> again++;
                case CLOSED -> closed++;
                case FAILED -> failed++;
                case KEPT -> { }
            }
        }
        log.info("swept {} lapsed call lease(s): {} streamed again, {} closed, {} failed", claimed.size(), again, closed, failed);
        return new Pass(claimed.size(), again, closed, failed);
    }

    /** One lapsed call: closed if over, streamed again if live. Failures leave the lease to lapse again. */
    Outcome recover(CallLeases.Lapsed lapsed) {
        TenantId tenant = lapsed.tenant();
        CallSid sid = lapsed.callSid();
        try (LogContext ignored = LogContext.of(tenant, sid)) {
            if (sessions.find(sid).isPresent()) {
                // streamed here all along (this node's heartbeat was late): keep it, never a second stream
                leases.hold(tenant, sid, node, clock.instant());
                return Outcome.KEPT;
            }
            Optional<CallLog> found = callLogs.find(tenant, sid);
            if (found.isEmpty() || found.get().state() == CallState.ENDED) {
                leases.release(tenant, sid, node); // closed by its node or a status callback: nothing left to do
                return Outcome.CLOSED;
            }
            if (lapsed.generation() > settings.maxGenerations()) {
                callLogs.updateProtection(tenant, sid, CallProtection.UNPROTECTED_NO_MEDIA);
                close(lapsed, "gave_up");
                return Outcome.CLOSED;
            }
            if (callControl.callLiveness(tenant, sid) == CallControl.CallLiveness.ENDED) {
                close(lapsed, "ended_at_provider");
                return Outcome.CLOSED;
            }
            pending.put(sid, clock.instant());
            CallControl.StreamReceipt receipt = callControl.startStream(tenant, sid, targets.forCall(tenant, sid, lapsed.generation()));
            audit.append(AuditEvent.system(ids.newId(), tenant, "call.stream_resumed", sid.value(), clock.instant(),
                    Map.of("previousNode", lapsed.previousNode(), "node", node,
                            "generation", Integer.toString(lapsed.generation()),
                            "stream", receipt.streamReference() == null ? "" : receipt.streamReference())));
            log.info("call {} of {} asked to stream again (generation {}, was on {})", sid, tenant, lapsed.generation(), lapsed.previousNode());
            return Outcome.STREAMED_AGAIN;
        } catch (RuntimeException e) {
            pending.remove(sid); // not renewed: the lease lapses again and a later sweep tries once more
            log.warn("recovering call {} of {} failed (the next sweep tries again): {}", sid, tenant, e.toString());
            return Outcome.FAILED;
        }
    }

    /** The call is over at the provider (or given up): the log is closed, the call counted, the lease dropped. */
    private void close(CallLeases.Lapsed lapsed, String reason) {
        Instant now = clock.instant();
        TenantId tenant = lapsed.tenant();
        CallSid sid = lapsed.callSid();
        callLogs.updateState(tenant, sid, CallState.ENDED, now);
        // The dead node recorded nothing at its end; its speech seconds were only in its memory and are lost.
        usage.record(new UsageEvent(ids.newId(), tenant, sid, UsageKind.CALLS, 1, now, "call closed by " + node));
        audit.append(AuditEvent.system(ids.newId(), tenant, "call.closed_orphaned", sid.value(), now,
                Map.of("previousNode", lapsed.previousNode(), "node", node, "reason", reason)));
        leases.release(tenant, sid, node);
        log.info("call {} of {} closed ({}), its node {} having stopped", sid, tenant, reason, lapsed.previousNode());
    }
}
