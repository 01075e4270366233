package com.ethiq.core.port;

import com.ethiq.core.domain.Alert;
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
 * lease) finds the alert final and writes nothing, so usage is never counted twice. Thread-safe.
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
}
