package com.ethiq.core.fake;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.domain.UsageSummary;
import com.ethiq.core.port.UsageLedger;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** In-memory {@link UsageLedger}. Thread-safe. */
public final class InMemoryUsageLedger implements UsageLedger {
    /** Event ids are unique per tenant, as in the durable store. */
    private record Id(TenantId tenant, UUID id) {
    }

    private final Map<Id, UsageEvent> events = new LinkedHashMap<>();

    @Override
    public synchronized void record(UsageEvent event) {
        events.putIfAbsent(new Id(event.tenant(), event.id()), event);
    }

    @Override
    public synchronized UsageSummary monthly(TenantId tenant, YearMonth month) {
        Map<UsageKind, Long> totals = new EnumMap<>(UsageKind.class);
        for (UsageEvent e : events(tenant, month)) {
            totals.merge(e.kind(), e.quantity(), Long::sum);
        }
        return new UsageSummary(tenant, month, totals);
    }

    @Override
    public synchronized List<UsageEvent> events(TenantId tenant, YearMonth month) {
        return events.values().stream()
                .filter(e -> e.tenant().equals(tenant))
                .filter(e -> YearMonth.from(e.at().atZone(ZoneOffset.UTC)).equals(month))
                .sorted(Comparator.comparing(UsageEvent::at))
                .toList();
    }
}
