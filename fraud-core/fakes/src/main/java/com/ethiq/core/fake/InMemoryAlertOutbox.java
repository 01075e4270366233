package com.ethiq.core.fake;

import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AlertOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;

/** In-memory {@link AlertOutbox} with the same idempotency and lease rules as the durable one. Thread-safe. */
public final class InMemoryAlertOutbox implements AlertOutbox {
    /** Alert ids are unique per tenant, as in the durable store. */
    private record Id(TenantId tenant, UUID id) {
    }

    private final Map<Id, Alert> byId = new LinkedHashMap<>();
    private final Map<String, Id> byKey = new HashMap<>();
    private final Map<Id, Instant> leasedUntil = new HashMap<>();

    private static Id idOf(Alert a) {
        return new Id(a.tenant(), a.id());
    }

    @Override
    public synchronized boolean enqueue(Alert alert) {
        if (byKey.containsKey(alert.idempotencyKey()) || byId.containsKey(idOf(alert))) {
            return false;
        }
        byKey.put(alert.idempotencyKey(), idOf(alert));
        byId.put(idOf(alert), alert);
        return true;
    }

    @Override
    public synchronized List<Alert> enqueueClaimed(List<Alert> alerts, Instant leasedUntil) {
        java.util.Objects.requireNonNull(leasedUntil, "'leasedUntil' must not be null");
        List<Alert> recorded = new ArrayList<>();
        for (Alert alert : alerts) {
            if (enqueue(alert)) {
                this.leasedUntil.put(idOf(alert), leasedUntil);
                recorded.add(alert);
            }
        }
        return recorded;
    }

    @Override
    public synchronized List<Alert> claimDue(Instant now, int max, Duration lease) {
        List<Alert> claimed = new ArrayList<>();
        List<Alert> due = byId.values().stream()
                .filter(a -> a.status() == AlertStatus.PENDING && !a.nextAttemptAt().isAfter(now))
                .filter(a -> {
                    Instant until = leasedUntil.get(idOf(a));
                    return until == null || !until.isAfter(now);
                })
                .sorted(Comparator.comparing(Alert::nextAttemptAt))
                .limit(Math.max(0, max))
                .toList();
        for (Alert a : due) {
            Alert next = a.withDelivery(AlertStatus.PENDING, a.attempts() + 1, a.nextAttemptAt(), a.sentAt(), a.providerReference(), a.lastError());
            byId.put(idOf(a), next);
            leasedUntil.put(idOf(a), now.plus(lease));
            claimed.add(next);
        }
        return claimed;
    }

    private Alert find(TenantId tenant, UUID id) {
        return byId.get(new Id(tenant, id));
    }

    @Override
    public synchronized boolean markSent(TenantId tenant, UUID alertId, Instant at, String providerReference) {
        Alert a = find(tenant, alertId);
        if (a == null || a.status() != AlertStatus.PENDING) {
            return false;
        }
        byId.put(new Id(tenant, alertId), a.withDelivery(AlertStatus.SENT, a.attempts(), a.nextAttemptAt(), at, providerReference, a.lastError()));
        leasedUntil.remove(new Id(tenant, alertId));
        return true;
    }

    @Override
    public synchronized boolean markRetry(TenantId tenant, UUID alertId, Instant nextAttemptAt, String error) {
        Alert a = find(tenant, alertId);
        if (a == null || a.status() != AlertStatus.PENDING) {
            return false;
        }
        byId.put(new Id(tenant, alertId), a.withDelivery(AlertStatus.PENDING, a.attempts(), nextAttemptAt, null, null, error));
        leasedUntil.remove(new Id(tenant, alertId));
        return true;
    }

    @Override
    public synchronized boolean markFailed(TenantId tenant, UUID alertId, Instant at, String error) {
        Alert a = find(tenant, alertId);
        if (a == null || a.status() != AlertStatus.PENDING) {
            return false;
        }
        byId.put(new Id(tenant, alertId), a.withDelivery(AlertStatus.FAILED, a.attempts(), a.nextAttemptAt(), null, null, error));
        leasedUntil.remove(new Id(tenant, alertId));
        return true;
    }

    @Override
    public synchronized Optional<Alert> markUndelivered(TenantId tenant, String providerReference, Instant at, String error) {
        Optional<Alert> sent = byId.values().stream()
                .filter(a -> a.tenant().equals(tenant) && a.status() == AlertStatus.SENT && providerReference.equals(a.providerReference()))
                .findFirst();
        sent.ifPresent(a -> byId.put(new Id(tenant, a.id()),
                a.withDelivery(AlertStatus.FAILED, a.attempts(), a.nextAttemptAt(), a.sentAt(), a.providerReference(), error)));
        return sent;
    }

    @Override
    public synchronized List<Alert> forCall(TenantId tenant, CallSid callSid) {
        return byId.values().stream().filter(a -> a.tenant().equals(tenant) && a.callSid().equals(callSid)).toList();
    }

    @Override
    public synchronized List<Alert> recent(TenantId tenant, int limit) {
        return byId.values().stream().filter(a -> a.tenant().equals(tenant))
                .sorted(Comparator.comparing(Alert::createdAt).reversed()).limit(Math.max(0, limit)).toList();
    }
}
