package com.ethiq.core.fake;

import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AuditTrail;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** In-memory, append-only {@link AuditTrail}. Thread-safe. */
public final class InMemoryAuditTrail implements AuditTrail {
    private final List<AuditEvent> events = new ArrayList<>();
    /** (tenant, id) of every event: the duplicate check stays O(1) however long the trail (load runs append millions). */
    private final Set<List<Object>> keys = new HashSet<>();

    /** Appending an event id twice keeps the first (a retried append must not double the trail). */
    @Override
    public synchronized void append(AuditEvent event) {
        if (keys.add(Arrays.asList(event.tenant(), event.id()))) {
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
