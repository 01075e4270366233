package com.ethiq.core.port;

import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.UsageEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Outgoing port: what one send of a recorded alert came to, written as one unit of work across the outbox, the usage
 * ledger and the audit trail. A port of its own (not three calls on {@link AlertOutbox}, {@link UsageLedger} and
 * {@link AuditTrail}) because the three writes must stand or fall together and, on a durable store, cost one commit:
 * a sent SMS is marked, billed and audited at once or not at all, and a clump of outcomes can share one transaction.
 * <p>Each outcome applies only to an alert of its tenant that is still pending: the mark and what goes with it (usage,
 * audit entry) are all written, or none. An outcome recorded again (a retry after a failed batch, a worker after a lost
 * lease) finds the alert final and writes nothing, so usage is never counted twice. One write may also record the alert
 * itself, a send from memory's ({@link #recordWithAlert}). Thread-safe.
 */
public interface AlertOutcomes {

    /** One send's outcome for {@link #alert()} (as it was sent: its tenant, id and attempts). */
    sealed interface Outcome permits Sent, Retry, Failed {
        Alert alert();
    }

    /** Delivered: marked sent with the provider's reference, billed by {@code usage}, audited by {@code audit}. */
    record Sent(Alert alert, Instant at, String providerReference, UsageEvent usage, AuditEvent audit) implements Outcome {
        public Sent {
            Objects.requireNonNull(alert, "'alert' must not be null");
            Objects.requireNonNull(at, "'at' must not be null");
            Objects.requireNonNull(usage, "'usage' must not be null");
            Objects.requireNonNull(audit, "'audit' must not be null");
            if (!usage.tenant().equals(alert.tenant()) || !alert.tenant().equals(audit.tenant())) {
                throw new IllegalArgumentException("an alert's usage and audit entry belong to its tenant");
            }
        }

        /** The alert as this outcome leaves it: sent at {@link #at()} with the provider's reference. */
        public Alert sentAlert() {
            return alert.withDelivery(AlertStatus.SENT, alert.attempts(), alert.nextAttemptAt(), at, providerReference,
                    alert.lastError());
        }
    }

    /** Failed for now: due again at {@code nextAttemptAt}, its lease released. Nothing billed or audited. */
    record Retry(Alert alert, Instant nextAttemptAt, String error) implements Outcome {
        public Retry {
            Objects.requireNonNull(alert, "'alert' must not be null");
            Objects.requireNonNull(nextAttemptAt, "'nextAttemptAt' must not be null");
        }
    }

    /** Failed for good (permanent error, too many attempts), audited by {@code audit}. */
    record Failed(Alert alert, Instant at, String error, AuditEvent audit) implements Outcome {
        public Failed {
            Objects.requireNonNull(alert, "'alert' must not be null");
            Objects.requireNonNull(at, "'at' must not be null");
            Objects.requireNonNull(audit, "'audit' must not be null");
            if (!alert.tenant().equals(audit.tenant())) {
                throw new IllegalArgumentException("an alert's audit entry belongs to its tenant");
            }
        }
    }

    /** Records one outcome; true if the alert was pending and is now marked (with its usage and audit), else nothing written. */
    default boolean record(Outcome outcome) {
        return !recordAll(List.of(outcome)).isEmpty();
    }

    /**
     * Records each outcome as {@link #record} does, outcomes of any tenants, in one transaction where the store has
     * them (one commit for a clump of sends). Returns the outcomes recorded, in no particular order. If it throws, a
     * durable store has written none of them; recording them again is always safe (see above).
     */
    List<Outcome> recordAll(List<? extends Outcome> outcomes);

    /**
     * Records a send whose alert may not be recorded yet (sent from memory while the store was down, {@code
     * AlertService}) together with its outcome, in one transaction where the store has them: an absent alert is
     * recorded as sent ({@link Sent#sentAlert()}) with the outcome's usage and audit entry; a pending one is marked as
     * {@link #record} marks it; a final one, or an alert of another id holding its idempotency key (recorded by
     * another node), gets nothing. So the alert can never stand recorded but pending after the send (a worker would
     * send it again when its lease ran out: an announcement spoken twice), and a retried write is safe: usage is
     * counted once. Returns true if this call wrote the outcome. Within the alert's tenant only: alert ids are per
     * tenant, so another tenant's alert of the same id is never touched, nor is its existence revealed.
     * <p>A method of its own rather than a fourth {@link Outcome}: it is the only write that may insert an alert, only
     * a {@link Sent} needs it (a send that failed from memory is simply recorded as due), and it comes one at a time
     * (an outage's sends are few), while {@link #recordAll}'s batches keep their one rule: recorded, pending alerts only.
     */
    boolean recordWithAlert(Sent outcome);
}
