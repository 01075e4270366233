package com.ethiq.core.usecase;

import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AlertOutcomes;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.CallControl.CallControlException;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: delivers recorded alerts. Each pass leases due alerts (so several nodes can run it), sends them through
 * {@link CallControl}, then records the outcome — sent (with its usage and audit entry), due again later (exponential
 * backoff) or failed (permanent error, too many attempts) — as one unit of work ({@link AlertOutcomes}). The host calls {@link #dispatchDue()} on a schedule; {@link #wakeUp()} runs a pass at once on the
 * given executor so a fresh alert does not wait for the next tick. Thread-safe.
 */
public final class AlertDispatcher {
    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

    /** Retry and lease settings. */
    public record Settings(int batchSize, Duration lease, Duration firstBackoff, Duration maxBackoff, int maxAttempts) {
        public static final Settings DEFAULT = new Settings(50, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofMinutes(5), 8);

        public Settings {
            if (batchSize < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("'batchSize' and 'maxAttempts' must be >= 1");
            }
        }
    }

    private final AlertOutbox outbox;
    private final AlertOutcomes outcomes;
    private final Tenants tenants;
    private final CallControl callControl;
    private final IdGenerator ids;
    private final Clock clock;
    private final Executor executor;
    private final Sends sends;
    private final OutcomeBatches batches;
    private final Settings settings;
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private volatile CallObserver observer = CallObserver.NONE;
    private volatile Announcements announcements;

    /**
     * Where a raised scam's sends run ({@link #deliverClaimed}, {@link #sendFromMemory}): SMS and announcements on
     * executors of their own, so an SMS never waits behind an announcement's conference look-up, and the outcomes
     * (mark, usage, audit: one unit of work, batched across sends, see {@link OutcomeBatches}) on {@code outcomes}, so a
     * send thread only waits on the network.
     */
    public record Sends(Executor texts, Executor announcements, Executor outcomes) {
        public Sends {
            Objects.requireNonNull(texts, "'texts' must not be null");
            Objects.requireNonNull(announcements, "'announcements' must not be null");
            Objects.requireNonNull(outcomes, "'outcomes' must not be null");
        }

        /** Every send on {@code executor}, its outcome recorded right after it on the same thread. */
        public static Sends on(Executor executor) {
            return new Sends(executor, executor, Runnable::run);
        }

        Executor forKind(AlertKind kind) {
            return kind.texted() ? texts : announcements;
        }
    }

    /**
     * @param outbox    the alerts (workers' claims, marks outside a send: a vanished tenant)
     * @param outcomes  what each send came to, one unit of work per outcome, batched ({@link AlertOutcomes})
     * @param executor  where {@link #wakeUp} runs a pass
     * @param sends     where the sends of raised scams and their outcomes run ({@link Sends})
     */
    public AlertDispatcher(AlertOutbox outbox, AlertOutcomes outcomes, Tenants tenants, CallControl callControl,
                           IdGenerator ids, Clock clock, Executor executor, Sends sends, Settings settings) {
        this.outbox = Objects.requireNonNull(outbox, "'outbox' must not be null");
        this.outcomes = Objects.requireNonNull(outcomes, "'outcomes' must not be null");
        this.tenants = tenants;
        this.callControl = callControl;
        this.ids = ids;
        this.clock = clock;
        this.executor = Objects.requireNonNull(executor, "'executor' must not be null");
        this.sends = Objects.requireNonNull(sends, "'sends' must not be null");
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
        this.batches = new OutcomeBatches(outcomes, sends.outcomes());
    }

    public void observe(CallObserver observer) {
        this.observer = observer;
    }

    /**
     * Speaks conference warnings through {@code announcements} (stored, fetched by reference, to the account's
     * audience) instead of putting their words in the provider's URL.
     */
    public void announceThrough(Announcements announcements) {
        this.announcements = announcements;
    }

    /** Runs a pass soon on the executor; passes requested while one is queued coalesce. */
    public void wakeUp() {
        if (passQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                passQueued.set(false);
                try {
                    dispatchDue();
                } catch (RuntimeException e) {
                    log.warn("alert dispatch pass failed; the scheduled pass will retry: {}", e.toString());
                }
            });
        }
    }

    /**
     * Sends one alert that the store could not record first (it is down), on its kind's send executor, and reports the
     * receipt or the error to {@code then}. The caller records the outcome when the store returns; nothing here
     * touches the store. The idempotency key is the recorded alert's, so a later worker attempt cannot double it.
     */
    public void sendFromMemory(Tenant tenant, Alert alert, BiConsumer<CallControl.DeliveryReceipt, Throwable> then) {
        Runnable task = () -> {
            try (LogContext ignored = LogContext.of(alert.tenant(), alert.callSid())) {
                CallControl.DeliveryReceipt receipt;
                try {
                    receipt = send(tenant, alert);
                } catch (RuntimeException e) {
                    log.warn("alert {} ({}) could not be sent from memory, it will be retried once recorded: {}",
                            alert.id(), alert.kind().wire(), e.getMessage());
                    observer.alertDelivered(alert.tenant(), alert, false, false);
                    then.accept(null, e);
                    return;
                }
                log.info("alert {} ({}) sent from memory while the store is unavailable", alert.id(), alert.kind().wire());
                observer.alertDelivered(alert.tenant(), alert, true, false);
                then.accept(receipt, null);
            }
        };
        runOrHere(sends.forKind(alert.kind()), task); // shutting down: send on the caller's thread rather than lose it
    }

    static void runOrHere(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /** How long a claim holds an alert; alerts recorded already claimed ({@link AlertOutbox#enqueueClaimed}) use it too. */
    public Duration lease() {
        return settings.lease();
    }

    /**
     * Delivers alerts the caller recorded already claimed ({@link AlertOutbox#enqueueClaimed}), on the send executors ({@link Sends}), SMS first:
     * no claim round trip and no tenant read between the verdict and the send. Outcomes are decided as a worker's are
     * and recorded in batches ({@link OutcomeBatches}); if this node dies first, the lease runs out and a worker retries.
     */
    public void deliverClaimed(Tenant tenant, List<Alert> claimed) {
        // SMS first: on executors of their own already, but also first in line if both are the same (tests, hosts).
        List<Alert> textsFirst = claimed.stream().sorted(Comparator.comparing(a -> !a.kind().texted())).toList();
        for (Alert alert : textsFirst) {
            runOrHere(sends.forKind(alert.kind()), () -> {
                observer.alertStage(alert.tenant(), alert.callSid(), AlertStage.SEND_STARTED, Optional.of(alert.kind()));
                Decided decided;
                try (LogContext ignored = LogContext.of(alert.tenant(), alert.callSid())) {
                    decided = decide(alert, attempt(tenant, alert));
                }
                // The send thread is free for the next request; the outcome is recorded within the lease, with the
                // others pending then (one commit for a clump), which keeps a worker from sending again meanwhile
                // (if this node dies first, the SMS look-up prevents a double).
                batches.add(decided);
            });
        }
    }

    /** One pass: returns how many alerts were handled (sent, rescheduled or failed). */
    public int dispatchDue() {
        List<Alert> due = outbox.claimDue(clock.instant(), settings.batchSize(), settings.lease());
        for (Alert alert : due) {
            try (LogContext ignored = LogContext.of(alert.tenant(), alert.callSid())) {
                deliver(alert);
            }
        }
        return due.size();
    }

    private void deliver(Alert alert) {
        Optional<Tenant> tenant = tenants.findById(alert.tenant());
        if (tenant.isEmpty()) {
            outbox.markFailed(alert.tenant(), alert.id(), clock.instant(), "tenant no longer exists");
            return;
        }
        deliver(tenant.get(), alert);
    }

    private void deliver(Tenant tenant, Alert alert) {
        Decided decided = decide(alert, attempt(tenant, alert));
        try {
            outcomes.record(decided.outcome());
        } catch (RuntimeException e) {
            log.warn("outcome of alert {} not recorded now; a worker retries it when its lease ends: {}", alert.id(), e.toString());
        }
        decided.then().run();
    }

    /** What one send came to: the provider's receipt, or what it threw (handled as if thrown when recorded). */
    private sealed interface Attempt permits Sent, Failed {
    }

    private record Sent(CallControl.DeliveryReceipt receipt) implements Attempt {
    }

    private record Failed(RuntimeException error) implements Attempt {
    }

    private Attempt attempt(Tenant tenant, Alert alert) {
        try {
            return new Sent(send(tenant, alert));
        } catch (RuntimeException e) {
            return new Failed(e);
        }
    }

    /** An outcome to record, and what to report once it is recorded (logs, the observer). */
    record Decided(AlertOutcomes.Outcome outcome, Runnable then) {
    }

    /** What one send comes to: sent (with its usage and audit entry), due again later, or failed for good. */
    private Decided decide(Alert alert, Attempt attempt) {
        Instant now = clock.instant();
        if (attempt instanceof Sent sent) {
            CallControl.DeliveryReceipt receipt = sent.receipt();
            return new Decided(sentOutcome(ids, alert, now, receipt.providerReference(), false),
                    () -> observer.alertDelivered(alert.tenant(), alert, true, false));
        }
        RuntimeException e = ((Failed) attempt).error();
        if (e instanceof CallControlException cce && waitsForConference(alert, cce, now)) {
            return new Decided(new AlertOutcomes.Retry(alert, now.plus(CONFERENCE_WAIT_POLL),
                    "waiting for the protected person to join"), () -> { });
        }
        if (e instanceof CallControlException || e instanceof IllegalStateException) {
            boolean permanent = !(e instanceof CallControlException cce) || cce.permanent();
            return fail(alert, e.getMessage(), permanent, now);
        }
        return fail(alert, e.getClass().getSimpleName() + ": " + e.getMessage(), false, now);
    }

    /**
     * A delivered alert's outcome: billed as one SMS or one announcement, audited with its kind and attempts (and
     * {@code fromMemory} when the store was down at the send, {@link AlertService}).
     */
    static AlertOutcomes.Sent sentOutcome(IdGenerator ids, Alert alert, Instant at, String providerReference, boolean fromMemory) {
        Map<String, String> details = fromMemory
                ? Map.of("kind", alert.kind().wire(), "attempts", Integer.toString(alert.attempts()), "fromMemory", "true")
                : Map.of("kind", alert.kind().wire(), "attempts", Integer.toString(alert.attempts()));
        return new AlertOutcomes.Sent(alert, at, providerReference,
                new UsageEvent(ids.newId(), alert.tenant(), alert.callSid(),
                        alert.kind().texted() ? UsageKind.SMS_SENT : UsageKind.ANNOUNCEMENTS, 1, at, alert.kind().wire()),
                AuditEvent.system(ids.newId(), alert.tenant(), "alert.sent", alert.id().toString(), at, details));
    }

    private CallControl.DeliveryReceipt send(Tenant tenant, Alert alert) {
        Optional<PhoneNumber> texted = alert.recipient().textedNumber();
        if (texted.isPresent()) {
            PhoneNumber from = tenant.number().orElseThrow(() -> new IllegalStateException("tenant has no number to send from"));
            return callControl.sendSms(tenant.id(), from, texted.get(), alert.message(), alert.idempotencyKey());
        }
        ConferenceName conference = ((AlertRecipient.Conference) alert.recipient()).name();
        Announcements through = announcements;
        if (through != null && alert.callSid() != null) {
            return through.say(tenant, alert.callSid(), alert.message(), alert.language(), alert.idempotencyKey());
        }
        return callControl.announce(tenant.id(), conference, alert.message(), alert.language(), alert.idempotencyKey());
    }

    /**
     * A warning raised while the protected person's phone still rings finds a conference not started yet (it starts
     * when the second participant joins). It is not a failed attempt: it is tried again every
     * {@link #CONFERENCE_WAIT_POLL} until the person joins, for at most {@link #CONFERENCE_WAIT_MAX} after it was raised
     * (longer than any ring timeout), so it plays within about a second of the person picking up.
     */
    private boolean waitsForConference(Alert alert, CallControlException e, Instant now) {
        return alert.kind() == AlertKind.CONFERENCE_ANNOUNCEMENT && CallControl.CONFERENCE_NOT_STARTED.equals(e.vendorCode())
                && !alert.createdAt().plus(CONFERENCE_WAIT_MAX).isBefore(now);
    }

    private Decided fail(Alert alert, String error, boolean permanent, Instant now) {
        String reason = error == null ? "unknown error" : (error.length() > 300 ? error.substring(0, 300) : error);
        // An announcement is useless once the call is over: do not retry it for minutes.
        boolean giveUp = permanent || alert.attempts() >= settings.maxAttempts()
                || (alert.kind() == AlertKind.CONFERENCE_ANNOUNCEMENT && alert.attempts() >= 3);
        if (giveUp) {
            AuditEvent failed = AuditEvent.system(ids.newId(), alert.tenant(), "alert.failed", alert.id().toString(), now,
                    Map.of("kind", alert.kind().wire(), "attempts", Integer.toString(alert.attempts()),
                            "permanent", Boolean.toString(permanent)));
            return new Decided(new AlertOutcomes.Failed(alert, now, reason, failed), () -> {
                log.warn("alert {} ({}) failed for good after {} attempt(s): {}", alert.id(), alert.kind().wire(), alert.attempts(), reason);
                observer.alertDelivered(alert.tenant(), alert, false, true);
            });
        }
        return new Decided(new AlertOutcomes.Retry(alert, now.plus(backoff(alert.attempts())), reason), () -> {
            log.info("alert {} ({}) attempt {} failed, will retry: {}", alert.id(), alert.kind().wire(), alert.attempts(), reason);
            observer.alertDelivered(alert.tenant(), alert, false, false);
        });
    }

    static final Duration CONFERENCE_WAIT_POLL = Duration.ofSeconds(1);
    static final Duration CONFERENCE_WAIT_MAX = Duration.ofMinutes(3);

    /** firstBackoff × 2^(attempts-1), capped. */
    Duration backoff(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        Duration d = settings.firstBackoff().multipliedBy(factor);
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }
}
