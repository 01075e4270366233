package com.ethiq.core.usecase;

import com.ethiq.core.caller.CallerContext;
import com.ethiq.core.caller.CallerScreening;
import com.ethiq.core.caller.CallerTrust;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallerShown;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.Tenants;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: decide what happens to a ringing call (protect, connect unprotected, reject) and log it for the tenant.
 * Protecting includes ringing the protected person into the call's conference ({@link RingProtectedPerson}, off the
 * caller's thread, with its retry policy). The host resolves the tenant first ({@link #resolve}) because it needs
 * the tenant's credentials to check the webhook signature before anything is decided. Thread-safe.
 */
public final class IncomingCallService {
    private static final Logger log = LoggerFactory.getLogger(IncomingCallService.class);

    private final Tenants tenants;
    private final CallLogs callLogs;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final RingProtectedPerson ring;
    /** How long the webhook waits for a call log queued behind the call's earlier writes. */
    private static final java.time.Duration RECORD_WAIT = java.time.Duration.ofMillis(300);
    private final WriteBehind writes;
    /** Trusted and blocked callers; null: nobody is blocked. */
    private final CallerScreening screening;
    /** The family told at ring time of a reported caller; null: not told. */
    private final ReportedCallerNotice reportedNotice;

    public IncomingCallService(Tenants tenants, CallLogs callLogs, AuditTrail audit, IdGenerator ids, Clock clock,
                               RingProtectedPerson ring, WriteBehind writes) {
        this(tenants, callLogs, audit, ids, clock, ring, writes, null, null);
    }

    public IncomingCallService(Tenants tenants, CallLogs callLogs, AuditTrail audit, IdGenerator ids, Clock clock,
                               RingProtectedPerson ring, WriteBehind writes, CallerScreening screening) {
        this(tenants, callLogs, audit, ids, clock, ring, writes, screening, null);
    }

    public IncomingCallService(Tenants tenants, CallLogs callLogs, AuditTrail audit, IdGenerator ids, Clock clock,
                               RingProtectedPerson ring, WriteBehind writes, CallerScreening screening,
                               ReportedCallerNotice reportedNotice) {
        this.screening = screening;
        this.reportedNotice = reportedNotice;
        this.writes = Objects.requireNonNull(writes, "'writes' must not be null");
        this.tenants = Objects.requireNonNull(tenants, "'tenants' must not be null");
        this.callLogs = Objects.requireNonNull(callLogs, "'callLogs' must not be null");
        this.audit = Objects.requireNonNull(audit, "'audit' must not be null");
        this.ids = Objects.requireNonNull(ids, "'ids' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.ring = Objects.requireNonNull(ring, "'ring' must not be null");
    }

    /** The tenant owning the called number, if any. */
    public Optional<Tenant> resolve(PhoneNumber calledNumber) {
        return tenants.findByCalledNumber(calledNumber);
    }

    /**
     * Decides, records the call log (unless the number is unknown) and audits, once per call sid; the protect decision
     * that opened the call log also rings the protected person in. The same webhook posted again (Twilio retries, a
     * replay) changes nothing: no second log, no second ring; a replay of a call that is over is rejected.
     */
    public IncomingCallDecision decide(IncomingCall call, Optional<Tenant> resolved) {
        if (resolved.isEmpty()) {
            // No tenant to attribute this to: a platform audit event, and a warning operators alert on.
            log.warn("call to unknown number {} rejected (callSid={})", call.to().masked(), call.callSid());
            audit.append(AuditEvent.system(ids.newId(), null, "call.rejected_unknown_number", call.callSid().value(),
                    clock.instant(), Map.of("to", call.to().masked())));
            return new IncomingCallDecision.Reject("unknown_number", false);
        }
        Tenant tenant = resolved.get();
        return switch (tenant.status()) {
            case ACTIVE -> {
                ConferenceName conference = ConferenceName.forCall(tenant.id(), call.callSid());
                Optional<CallerContext> caller = screen(tenant, call);
                if (caller.isPresent() && caller.get().trust() instanceof CallerTrust.Blocked b && b.reject()) {
                    record(tenant, call, CallProtection.REJECTED, "call.rejected_blocked_caller");
                    yield new IncomingCallDecision.Reject("blocked_caller", false);
                }
                if (record(tenant, call, CallProtection.PROTECTED, "call.protected")) {
                    // The person's phone shows the real caller (or "withheld"), so family is recognised and can be called back.
                    ring.ring(tenant, call.callSid(), conference, CallerShown.fromRaw(call.from(), tenant.settings().language()));
                    tellFamily(tenant, call, caller);
                } else if (over(tenant, call)) {
                    // A replay of a call that is over (an attacker, or a retry that came far too late): nothing to join.
                    log.warn("incoming-call webhook replayed for call {} that is over: rejected", call.callSid());
                    yield new IncomingCallDecision.Reject("call_over", false);
                }
                // A retry of a live call (Twilio did not get our answer) gets the same answer; the person is rung once.
                yield new IncomingCallDecision.Protect(tenant, call.callSid(), conference);
            }
            case SUSPENDED -> {
                record(tenant, call, CallProtection.UNPROTECTED_ACCOUNT_SUSPENDED, "call.unprotected_suspended");
                yield new IncomingCallDecision.ConnectUnprotected(tenant, call.callSid(), "account_suspended");
            }
            case CANCELLED -> {
                record(tenant, call, CallProtection.REJECTED, "call.rejected_cancelled");
                yield new IncomingCallDecision.Reject("account_cancelled", true);
            }
            case PROVISIONING -> {
                record(tenant, call, CallProtection.REJECTED, "call.rejected_provisioning");
                yield new IncomingCallDecision.Reject("account_not_live", true);
            }
        };
    }

    /**
     * The one media stream of a protected call: true the first time it is claimed while the call is live, on any node
     * (the call log in the store is the anchor). A token minted by a replayed webhook, or a replayed token, gets false.
     */
    public boolean claimMediaStream(TenantId tenant, CallSid callSid) {
        return callLogs.claimMediaStream(tenant, callSid);
    }

    /**
     * As above for one stream generation: 0 is the call's first stream, a later one the call streamed again after its
     * node died (once per generation, and no earlier generation after a later one).
     */
    public boolean claimMediaStream(TenantId tenant, CallSid callSid, int generation) {
        return callLogs.claimMediaStream(tenant, callSid, generation);
    }

    /**
     * Opens the call log once per call sid (the store's unique key is the idempotency anchor); true if this call opened
     * it. The store being unavailable, the log is written behind in the call's queue of writes, so the call is still
     * answered (and protected) from the cached tenant; whether it is a retry cannot be known then, so it counts as new
     * (ringing the person once more beats leaving a caller alone).
     */
    private boolean record(Tenant tenant, IncomingCall call, CallProtection protection, String action) {
        CallLog started = CallLog.started(tenant.id(), call.callSid(), call.from(), clock.instant(), protection,
                call.attestation().wire());
        // The carrier's caller-ID verification is kept in the chained entry too: the evidence pack cites it, tamper-evident.
        Map<String, String> details = call.attestation() == com.ethiq.core.caller.Attestation.ABSENT
                ? Map.of() : Map.of("attestation", call.attestation().wire());
        AuditEvent event = AuditEvent.system(ids.newId(), tenant.id(), action, call.callSid().value(), clock.instant(), details);
        java.util.concurrent.atomic.AtomicBoolean fresh = new java.util.concurrent.atomic.AtomicBoolean(true);
        Runnable open = () -> {
            boolean opened = callLogs.open(started);
            fresh.set(opened);
            if (opened) {
                audit.append(event);
            }
        };
        if (!writes.storeDown() && !writes.hasPending(call.callSid())) {
            try {
                open.run();
                return fresh.get();
            } catch (com.ethiq.core.port.PersistenceException e) {
                // written behind below
            }
        }
        // Behind this call's earlier writes: wait briefly for the answer while the store answers at all, so a replay
        // of a call with writes in flight is still told apart from a new call.
        WriteBehind.Write write = writes.submit(call.callSid(), WriteBehind.Write.kept("call log", open));
        if (!writes.storeDown() && write.await(RECORD_WAIT)) {
            return fresh.get();
        }
        return true;
    }

    /**
     * Who is calling, for the account (a blocked "reject" caller is refused; a "warn" block is protected and starts
     * suspicious). Screening here also looks the reputation up and keeps it, with the attestation, for the session.
     * Empty without screening, or while the lists cannot be read (the call is then protected as a stranger's and the
     * session screens it again: never refused nor left unanswered).
     */
    private Optional<CallerContext> screen(Tenant tenant, IncomingCall call) {
        if (screening == null) {
            return Optional.empty();
        }
        return writes.readBehind("caller lists", () -> screening.atRing(tenant.id(), call.callSid(), call.from(), call.attestation()));
    }

    /**
     * A reported caller: the family is texted while the phone rings, through the outbox (once per call) and behind the
     * call's own writes, off the webhook's thread (the webhook answers without waiting for the store).
     */
    private void tellFamily(Tenant tenant, IncomingCall call, Optional<CallerContext> caller) {
        if (reportedNotice == null || caller.isEmpty() || !ReportedCallerNotice.applies(tenant, caller.get())) {
            return;
        }
        writes.submit(call.callSid(), WriteBehind.Write.kept("reported-caller notice",
                () -> reportedNotice.tell(tenant, call.callSid(), caller.get())));
    }

    private boolean over(Tenant tenant, IncomingCall call) {
        return writes.readBehind("call log", () -> callLogs.find(tenant.id(), call.callSid())
                        .map(l -> l.state() == CallState.ENDED
                                || l.ring().isPresent() && l.ring().get() != com.ethiq.core.domain.RingResult.ANSWERED)
                        .orElse(false))
                .orElse(false); // the store is away: answer as a live call
    }
}
