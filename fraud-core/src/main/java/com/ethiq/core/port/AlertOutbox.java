package com.ethiq.core.port;

import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Outgoing port: durable alerts, recorded before they are sent and delivered by workers on any node.
 * At most one alert exists per {@link Alert#idempotencyKey()}; a claimed alert is leased to one worker until
 * it is marked or the lease runs out. Thread-safe and safe across processes sharing the store.
 */
public interface AlertOutbox {

    /** Records the alert unless one with the same idempotency key exists; true if this call recorded it. */
    boolean enqueue(Alert alert);

    /**
     * As {@link #enqueue} for each alert (all of one tenant), in one transaction (one commit before the send), but
     * recorded already leased to the recorder until {@code leasedUntil} (their {@code attempts} say how many attempts
     * they count): no worker claims them before then. The recorder sends them itself, without a claim, whether the
     * recording returned in time or committed late while it sent them from memory: one lease for both paths, so a slow
     * store can never make a worker send one a second time. Returns the alerts this call recorded.
     */
    List<Alert> enqueueClaimed(List<Alert> alerts, Instant leasedUntil);

    /**
     * Leases up to {@code max} pending alerts of any tenant that are due at {@code now} and not leased, counting
     * one more attempt on each. The platform path: used by delivery workers only.
     */
    List<Alert> claimDue(Instant now, int max, Duration lease);

    /** Delivered. False if the alert is absent or already final. */
    boolean markSent(TenantId tenant, UUID alertId, Instant at, String providerReference);

    /** Failed for now: due again at {@code nextAttemptAt}, lease released. */
    boolean markRetry(TenantId tenant, UUID alertId, Instant nextAttemptAt, String error);

    /** Failed for good (permanent error or too many attempts). */
    boolean markFailed(TenantId tenant, UUID alertId, Instant at, String error);

    /**
     * A sent alert the carrier reported as not delivered, found by the vendor's reference: becomes failed with
     * {@code error}, keeping its reference. Returns the alert as it was before; empty if no sent alert of the tenant has
     * that reference (unknown, another tenant's, or already marked: a repeated report changes nothing).
     */
    Optional<Alert> markUndelivered(TenantId tenant, String providerReference, Instant at, String error);

    List<Alert> forCall(TenantId tenant, CallSid callSid);

    /** Newest first. */
    List<Alert> recent(TenantId tenant, int limit);
}
