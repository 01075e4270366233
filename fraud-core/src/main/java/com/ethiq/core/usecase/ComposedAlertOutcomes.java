package com.ethiq.core.usecase;

import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AlertOutcomes;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.UsageLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AlertOutcomes} over the three separate ports, for stores without transactions of their own (the in-memory
 * ones, and the core's default when the host gives no unit of work). One outcome at a time under one lock: the alert
 * is checked pending first, then the usage and audit entry are written, the mark last, so a failing first write leaves
 * nothing and a repeated outcome writes nothing. An alert recorded with its outcome ({@link #recordWithAlert}) that
 * is absent is written the same way: usage and audit entry first, then the alert itself, inserted as sent (the mark,
 * last). Not atomic against a crash between the writes, nor against a writer of the outbox that does not take this
 * lock (a durable store's adapter implements the port in one transaction instead). Thread-safe.
 */
public final class ComposedAlertOutcomes implements AlertOutcomes {
    private final AlertOutbox outbox;
    private final UsageLedger usage;
    private final AuditTrail audit;
    private final Object lock = new Object();

    public ComposedAlertOutcomes(AlertOutbox outbox, UsageLedger usage, AuditTrail audit) {
        this.outbox = Objects.requireNonNull(outbox, "'outbox' must not be null");
        this.usage = Objects.requireNonNull(usage, "'usage' must not be null");
        this.audit = Objects.requireNonNull(audit, "'audit' must not be null");
    }

    @Override
    public List<Outcome> recordAll(List<? extends Outcome> outcomes) {
        List<Outcome> recorded = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (recordOne(outcome)) {
                recorded.add(outcome);
            }
        }
        return recorded;
    }

    @Override
    public boolean recordWithAlert(Sent outcome) {
        Alert alert = outcome.alert();
        synchronized (lock) {
            Optional<Alert> recorded = outbox.forCall(alert.tenant(), alert.callSid()).stream()
                    .filter(a -> a.id().equals(alert.id()) || a.idempotencyKey().equals(alert.idempotencyKey()))
                    .findFirst();
            if (recorded.isPresent()) {
                // Recorded already (a write that hung committed late): marked as any outcome, if it is this very alert.
                return recorded.get().id().equals(alert.id()) && recordOne(outcome);
            }
            usage.record(outcome.usage());
            audit.append(outcome.audit());
            // The insert is the mark; lost to an enqueue outside this lock, the alert is pending: mark it.
            return outbox.enqueue(outcome.sentAlert()) || mark(outcome);
        }
    }

    private boolean recordOne(Outcome outcome) {
        Alert alert = outcome.alert();
        synchronized (lock) {
            // An alert outside a call cannot be looked up by the port: its mark then says whether it was pending.
            boolean checkable = alert.callSid() != null;
            if (checkable && !pending(alert)) {
                return false;
            }
            if (outcome instanceof Retry retry) {
                return outbox.markRetry(alert.tenant(), alert.id(), retry.nextAttemptAt(), retry.error());
            }
            if (!checkable && !mark(outcome)) {
                return false;
            }
            if (outcome instanceof Sent sent) {
                usage.record(sent.usage());
                audit.append(sent.audit());
            } else {
                audit.append(((Failed) outcome).audit());
            }
            return !checkable || mark(outcome);
        }
    }

    private boolean mark(Outcome outcome) {
        Alert alert = outcome.alert();
        if (outcome instanceof Sent sent) {
            return outbox.markSent(alert.tenant(), alert.id(), sent.at(), sent.providerReference());
        }
        Failed failed = (Failed) outcome;
        return outbox.markFailed(alert.tenant(), alert.id(), failed.at(), failed.error());
    }

    private boolean pending(Alert alert) {
        return outbox.forCall(alert.tenant(), alert.callSid()).stream()
                .anyMatch(a -> a.id().equals(alert.id()) && a.status() == AlertStatus.PENDING);
    }
}
