package com.ethiq.core.domain;

import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** Totals of one tenant's usage over a month, per kind (kinds with no usage read as 0). */
public record UsageSummary(TenantId tenant, YearMonth month, Map<UsageKind, Long> totals) {
    public UsageSummary {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(month, "'month' must not be null");
        EnumMap<UsageKind, Long> copy = new EnumMap<>(UsageKind.class);
        copy.putAll(totals);
        totals = java.util.Collections.unmodifiableMap(copy);
    }

    public long total(UsageKind kind) {
        return totals.getOrDefault(kind, 0L);
    }
}
