package com.ethiq.core.usecase;

import com.ethiq.core.concurrent.Scheduler;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.LegStatus;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.RingResult;
import com.ethiq.core.domain.RingSettings;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.CallControl.CallControlException;
import com.ethiq.core.port.CallControl.Diversion;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.Tenants;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: what ringing the protected person came to. The provider reports the person's leg as it progresses
 * ({@link LegStatus}, read from its own words by its adapter); the first final outcome is recorded on the call log
 * ({@link CallLogs#recordRingResult}) and acted on exactly once, whatever the retries, replays or nodes:
 * <ul>
 *   <li>answered: nothing more (the conference starts; a warning waiting for it now plays);</li>
 *   <li>no answer, busy, unreachable, or nobody could be rung: the caller is taken out of the conference to the
 *   account's voicemail, or hears a short polite message, and the call ends; unreachable also checks whether the
 *   account must be told that the phone seems offline ({@link PhoneOfflineNotice});</li>
 *   <li>the caller hangs up while it rings: the person's leg is cancelled, so nothing keeps ringing.</li>
 * </ul>
 * Provider requests run on the core's call-control threads with the {@link RingPolicy}'s retries. The media stream and
 * detection keep running meanwhile (a scam message left on the voicemail is still judged). Thread-safe.
 */
public final class RingOutcomes {
    private static final Logger log = LoggerFactory.getLogger(RingOutcomes.class);

    private final CallLogs callLogs;
    private final Tenants tenants;
    private final CallControl callControl;
    private final PhoneOfflineNotice offline;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Scheduler scheduler;
    private final RingPolicy policy;

    public RingOutcomes(CallLogs callLogs, Tenants tenants, CallControl callControl, PhoneOfflineNotice offline, AuditTrail audit,
                        IdGenerator ids, Clock clock, Scheduler scheduler, RingPolicy policy) {
        this.callLogs = Objects.requireNonNull(callLogs, "'callLogs' must not be null");
        this.tenants = Objects.requireNonNull(tenants, "'tenants' must not be null");
        this.callControl = Objects.requireNonNull(callControl, "'callControl' must not be null");
        this.offline = Objects.requireNonNull(offline, "'offline' must not be null");
        this.audit = Objects.requireNonNull(audit, "'audit' must not be null");
        this.ids = Objects.requireNonNull(ids, "'ids' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.scheduler = Objects.requireNonNull(scheduler, "'scheduler' must not be null");
        this.policy = Objects.requireNonNull(policy, "'policy' must not be null");
    }

    /**
     * The provider reports the protected person's leg {@code leg} of call {@code caller}. Returns false if the tenant
     * has no such call (nothing done).
     */
    public boolean onLegStatus(TenantId tenant, CallSid caller, CallSid leg, LegStatus status) {
        Optional<CallLog> call = callLogs.find(tenant, caller);
        if (call.isEmpty()) {
            return false;
        }
        if (leg != null) {
            callLogs.recordRingLeg(tenant, caller, leg);
        }
        switch (status) {
            case RINGING, COMPLETED -> {
                // progress only; an answered leg ending ends the conference, reported by its own callback
            }
            case ANSWERED -> record(tenant, caller, RingResult.ANSWERED);
            case NO_ANSWER -> unavailable(tenant, caller, RingResult.NO_ANSWER);
            case BUSY -> unavailable(tenant, caller, RingResult.BUSY);
            case FAILED -> unavailable(tenant, caller, RingResult.UNREACHABLE);
            case CANCELED -> record(tenant, caller, RingResult.CALLER_HUNG_UP);
        }
        return true;
    }

    /** Nobody could be rung (the provider refused, or retries were spent): the caller must not wait in vain. */
    public void notRung(TenantId tenant, CallSid caller) {
        unavailable(tenant, caller, RingResult.NOT_RUNG);
    }

    /**
     * The caller's call ended. If the person's phone was still ringing, the outcome is "caller hung up" and the
     * person's leg is cancelled (when its sid is not known yet, {@link RingProtectedPerson} cancels it as soon as the
     * provider answers).
     */
    public void callerEnded(TenantId tenant, CallSid caller) {
        Optional<CallLog> call = callLogs.find(tenant, caller);
        if (call.isEmpty() || call.get().ring().isPresent() || !rings(call.get())) {
            return;
        }
        if (!callLogs.recordRingResult(tenant, caller, RingResult.CALLER_HUNG_UP)) {
            return;
        }
        audited(tenant, caller, RingResult.CALLER_HUNG_UP);
        callLogs.find(tenant, caller).flatMap(CallLog::protectedLeg).ifPresent(leg -> cancel(tenant, caller, leg));
    }

    /** Whether the call's protected person is diverted from: the outcome was decided and it was not an answer. */
    public static boolean diverted(CallLog call) {
        return call.ring().map(r -> r == RingResult.NO_ANSWER || r == RingResult.BUSY || r == RingResult.UNREACHABLE
                || r == RingResult.NOT_RUNG).orElse(false);
    }

    /** Only protected calls ring the person through the conference (a suspended account's call is dialled directly). */
    private static boolean rings(CallLog call) {
        return call.protection() != CallProtection.UNPROTECTED_ACCOUNT_SUSPENDED && call.protection() != CallProtection.REJECTED;
    }

    /** {@link RingProtectedPerson} learnt the leg's sid: if the caller already left, the leg must not keep ringing. */
    void legStarted(TenantId tenant, CallSid caller, CallSid leg) {
        callLogs.recordRingLeg(tenant, caller, leg);
        Optional<CallLog> call = callLogs.find(tenant, caller);
        if (call.isPresent() && call.get().state() == CallState.ENDED
                && call.get().ring().orElse(RingResult.CALLER_HUNG_UP) == RingResult.CALLER_HUNG_UP) {
            record(tenant, caller, RingResult.CALLER_HUNG_UP);
            cancel(tenant, caller, leg);
        }
    }

    private boolean record(TenantId tenant, CallSid caller, RingResult result) {
        boolean first = callLogs.recordRingResult(tenant, caller, result);
        if (first) {
            audited(tenant, caller, result);
        }
        return first;
    }

    private void unavailable(TenantId tenant, CallSid caller, RingResult why) {
        if (!record(tenant, caller, why)) {
            return; // already decided (a retried callback, another node, or the caller left first)
        }
        Optional<Tenant> found = tenants.findById(tenant);
        if (found.isEmpty()) {
            return;
        }
        Tenant t = found.get();
        Diversion diversion = diversion(t);
        log.info("protected person of tenant {} not reached on call {} ({}): caller diverted to {}", tenant, caller, why.wire(),
                diversion instanceof Diversion.Forward ? "voicemail" : "a message");
        retrying("divert the caller", tenant, caller, () -> callControl.divert(tenant, caller, diversion), 0);
        if (why == RingResult.UNREACHABLE) {
            try {
                offline.check(t);
            } catch (RuntimeException e) {
                log.warn("could not check whether tenant {}'s phone is offline: {}", tenant, e.toString());
            }
        }
    }

    private static Diversion diversion(Tenant tenant) {
        Diversion.Message message = new Diversion.Message(
                RingMessages.unavailable(tenant.settings().language(), RingResult.NO_ANSWER), tenant.settings().language());
        RingSettings ring = tenant.settings().ring();
        Optional<PhoneNumber> callerId = tenant.number();
        if (ring.forwardTo().isPresent() && callerId.isPresent()) {
            return new Diversion.Forward(ring.forwardTo().get(), callerId.get(), message);
        }
        return message;
    }

    private void cancel(TenantId tenant, CallSid caller, CallSid leg) {
        log.info("caller left call {} while the protected person's phone rang: cancelling leg {}", caller, leg);
        retrying("cancel the ringing leg", tenant, caller, () -> callControl.cancelLeg(tenant, leg), 0);
    }

    private void retrying(String what, TenantId tenant, CallSid caller, Runnable action, int attempt) {
        try {
            scheduler.schedule(() -> {
                try (LogContext ignored = LogContext.of(tenant, caller)) {
                    action.run();
                } catch (RuntimeException e) {
                    boolean permanent = e instanceof CallControlException cce && cce.permanent();
                    if (!permanent && attempt + 1 < policy.attempts()) {
                        retrying(what, tenant, caller, action, attempt + 1);
                    } else {
                        log.error("could not {} of call {} (tenant {}) after {} attempt(s): {}", what, caller, tenant,
                                attempt + 1, e.getMessage());
                    }
                }
            }, policy.delayBefore(attempt));
        } catch (RejectedExecutionException e) {
            log.warn("cannot {} of call {}: shutting down", what, caller);
        }
    }

    private void audited(TenantId tenant, CallSid caller, RingResult result) {
        try {
            audit.append(AuditEvent.system(ids.newId(), tenant, "call.ring_" + result.wire(), caller.value(), clock.instant(), Map.of()));
        } catch (RuntimeException e) {
            log.warn("could not audit the ring outcome of call {}: {}", caller, e.toString());
        }
    }
}
