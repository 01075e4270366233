package com.ethiq.core.usecase;

import com.ethiq.core.concurrent.Scheduler;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallerShown;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.CallControl.CallControlException;
import com.ethiq.core.port.IdGenerator;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step of the protect decision: rings the protected person's SIP phone into the call's conference through
 * {@link CallControl}, off the webhook's thread (a REST call to the provider takes far longer than it should wait
 * for its answer). Transient failures are retried as the {@link RingPolicy} says; a person who is never rung misses
 * the call, so giving up is logged as an error and audited, and the caller is not left waiting: {@link RingOutcomes}
 * takes them to the voicemail or a message. The leg the provider started is remembered on the call log (and cancelled
 * at once if the caller already hung up). Thread-safe.
 */
public final class RingProtectedPerson {
    private static final Logger log = LoggerFactory.getLogger(RingProtectedPerson.class);

    private final CallControl callControl;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Scheduler scheduler;
    private final RingPolicy policy;
    private final CallObserver observer;
    private final RingOutcomes outcomes;

    public RingProtectedPerson(CallControl callControl, AuditTrail audit, IdGenerator ids, Clock clock, Scheduler scheduler,
                               RingPolicy policy, CallObserver observer, RingOutcomes outcomes) {
        this.outcomes = Objects.requireNonNull(outcomes, "'outcomes' must not be null");
        this.callControl = Objects.requireNonNull(callControl, "'callControl' must not be null");
        this.audit = Objects.requireNonNull(audit, "'audit' must not be null");
        this.ids = Objects.requireNonNull(ids, "'ids' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.scheduler = Objects.requireNonNull(scheduler, "'scheduler' must not be null");
        this.policy = Objects.requireNonNull(policy, "'policy' must not be null");
        this.observer = Objects.requireNonNull(observer, "'observer' must not be null");
    }

    /** Schedules the first attempt and returns at once; the person's phone shows the account's number. */
    public void ring(Tenant tenant, CallSid callSid, ConferenceName conference) {
        schedule(new Attempt(tenant, callSid, conference, null), 0);
    }

    /** Schedules the first attempt and returns at once; the person's phone shows {@code shown} (the real caller). */
    public void ring(Tenant tenant, CallSid callSid, ConferenceName conference, CallerShown shown) {
        schedule(new Attempt(tenant, callSid, conference, Objects.requireNonNull(shown, "'shown' must not be null")), 0);
    }

    private record Attempt(Tenant tenant, CallSid callSid, ConferenceName conference, CallerShown shown) {
    }

    private void schedule(Attempt a, int attempt) {
        try {
            scheduler.schedule(() -> attempt(a, attempt), policy.delayBefore(attempt));
        } catch (RejectedExecutionException e) {
            log.warn("cannot ring tenant {} into {}: shutting down", a.tenant().id(), a.conference());
            gaveUp(a, attempt, false);
        }
    }

    private void attempt(Attempt a, int attempt) {
        try (LogContext ignored = LogContext.of(a.tenant().id(), a.callSid())) {
            try {
                PhoneNumber callerId = a.tenant().number()
                        .orElseThrow(() -> new CallControlException("tenant has no number", true, null, null));
                CallControl.ParticipantReceipt receipt = a.shown() == null
                        ? callControl.addSipParticipant(a.tenant().id(), a.conference(), a.tenant().sipAddress(), callerId,
                                a.callSid(), a.tenant().settings().ring().timeout())
                        : callControl.ringProtectedPerson(a.tenant().id(), a.conference(), a.tenant().sipAddress(), callerId,
                                a.shown(), a.callSid(), a.tenant().settings().ring().timeout());
                observer.protectedPersonRung(a.tenant().id(), a.callSid(), RingOutcome.INVITED);
                if (receipt != null) {
                    observer.protectedPersonQueued(a.tenant().id(), receipt.queueTime());
                }
                if (receipt != null && receipt.leg() != null) {
                    outcomes.legStarted(a.tenant().id(), a.callSid(), receipt.leg());
                }
            } catch (RuntimeException e) {
                boolean permanent = e instanceof CallControlException cce && cce.permanent();
                if (!permanent && attempt + 1 < policy.attempts()) {
                    observer.protectedPersonRung(a.tenant().id(), a.callSid(), RingOutcome.RETRIED);
                    log.info("ringing tenant {} into {} failed (attempt {}), retrying: {}", a.tenant().id(), a.conference(),
                            attempt + 1, e.getMessage());
                    schedule(a, attempt + 1);
                } else {
                    log.error("could not ring tenant {} into {} after {} attempt(s): {}", a.tenant().id(), a.conference(),
                            attempt + 1, e.getMessage());
                    gaveUp(a, attempt + 1, permanent);
                }
            }
        }
    }

    private void gaveUp(Attempt a, int attempts, boolean permanent) {
        observer.protectedPersonRung(a.tenant().id(), a.callSid(), RingOutcome.FAILED);
        try {
            outcomes.notRung(a.tenant().id(), a.callSid());
        } catch (RuntimeException e) {
            log.warn("could not divert the caller of call {} after the failed ring: {}", a.callSid(), e.toString());
        }
        try {
            audit.append(AuditEvent.system(ids.newId(), a.tenant().id(), "call.ring_failed", a.callSid().value(), clock.instant(),
                    Map.of("attempts", Integer.toString(attempts), "permanent", Boolean.toString(permanent))));
        } catch (RuntimeException e) {
            log.warn("could not audit the failed ring of call {}: {}", a.callSid(), e.toString());
        }
    }
}
