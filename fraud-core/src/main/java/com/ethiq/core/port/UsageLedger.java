package com.ethiq.core.port;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageSummary;
import java.time.YearMonth;
import java.util.List;

/** Outgoing port: billable usage per tenant (speech time, AI tokens, SMS). Append-only. Thread-safe. */
public interface UsageLedger {

    /** Appends the event; recording the same event id twice keeps one. */
    void record(UsageEvent event);

    /** Totals per kind over a calendar month (UTC). */
    UsageSummary monthly(TenantId tenant, YearMonth month);

    /** The month's events, oldest first. */
    List<UsageEvent> events(TenantId tenant, YearMonth month);
}
