package com.ethiq.core.management.backoffice;

import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.Permission;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.domain.UsageSummary;
import com.ethiq.core.port.UsageLedger;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/** Use cases: monthly usage figures of an account and the month's events for export (audited). Thread-safe. */
public final class UsageService {
    private final UsageLedger ledger;
    private final AccessPolicy access;
    private final AuditRecorder audit;

    public UsageService(UsageLedger ledger, AccessPolicy access, AuditRecorder audit) {
        this.ledger = ledger;
        this.access = access;
        this.audit = audit;
    }

    /**
     * Billing figures of one month: speech in whole seconds (rounded up), AI tokens and requests, SMS, calls, and the
     * calls' protected time in whole seconds (rounded up; speech is billed on both tracks, so up to twice this).
     */
    public record MonthlyUsage(YearMonth month, long speechSeconds, long aiPromptTokens, long aiCompletionTokens,
                               long aiRequests, long smsSent, long announcements, long calls, long callSeconds) {
        static MonthlyUsage of(UsageSummary s) {
            return new MonthlyUsage(s.month(), seconds(s.total(UsageKind.SPEECH_MILLIS)), s.total(UsageKind.AI_PROMPT_TOKENS),
                    s.total(UsageKind.AI_COMPLETION_TOKENS), s.total(UsageKind.AI_REQUESTS), s.total(UsageKind.SMS_SENT),
                    s.total(UsageKind.ANNOUNCEMENTS), s.total(UsageKind.CALLS), seconds(s.total(UsageKind.CALL_MILLIS)));
        }

        private static long seconds(long millis) {
            return (millis + 999) / 1000;
        }
    }

    public MonthlyUsage monthly(Actor actor, TenantId tenant, YearMonth month) {
        access.require(actor, tenant, Permission.USAGE_READ);
        return MonthlyUsage.of(ledger.monthly(tenant, month));
    }

    public List<UsageEvent> export(Actor actor, TenantId tenant, YearMonth month) {
        access.require(actor, tenant, Permission.USAGE_EXPORT);
        List<UsageEvent> events = ledger.events(tenant, month);
        audit.record(actor, tenant, "usage.exported", month.toString(), Map.of("events", Integer.toString(events.size())));
        return events;
    }
}
