package com.ethiq.core.fake;

import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AuditTrail;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** In-memory, append-only {@link AuditTrail}. Thread-safe. */
public final class InMemoryAuditTrail implements AuditTrail {
    private final List<AuditEvent> events = new ArrayList<>();

    /** Appending an event id twice keeps the first (a retried append must not double the trail). */
    @Override
    public synchronized void append(AuditEvent event) {
        boolean known = events.stream().anyMatch(e -> e.id().equals(event.id()) && Objects.equals(e.tenant(), event.tenant()));
        if (!known) {
            events.add(event);
        }
    }

    @Override
    public synchronized List<AuditEvent> recent(TenantId tenant, int limit) {
        List<AuditEvent> out = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0 && out.size() < limit; i--) {
            if (Objects.equals(events.get(i).tenant(), tenant)) {
                out.add(events.get(i));
            }
        }
        return out;
    }

    /** Every event, in order (including platform events with no tenant). */
    public synchronized List<AuditEvent> all() {
        return List.copyOf(events);
    }
}
