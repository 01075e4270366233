package com.ethiq.core.management.backoffice;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.NotFoundException;
import com.ethiq.core.management.identity.Permission;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.CallerReports;
import java.time.Clock;
import java.util.Map;

/**
 * Use cases: an account's part in the shared caller reputation — opting in (off by default) and marking a call a
 * false alarm, which withdraws the account's report of its caller. Thread-safe.
 */
public final class ReputationService {
    private final CallerReports reports;
    private final CallLogs callLogs;
    private final AccessPolicy access;
    private final AuditRecorder audit;
    private final Clock clock;
    private volatile com.ethiq.core.usecase.CallObserver observer = com.ethiq.core.usecase.CallObserver.NONE;

    public ReputationService(CallerReports reports, CallLogs callLogs, AccessPolicy access, AuditRecorder audit, Clock clock) {
        this.reports = reports;
        this.callLogs = callLogs;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** Who hears of false alarms (metrics: field precision per tenant and rule). */
    public void observe(com.ethiq.core.usecase.CallObserver observer) {
        this.observer = java.util.Objects.requireNonNull(observer, "'observer' must not be null");
    }

    public boolean optedIn(Actor actor, TenantId tenant) {
        access.require(actor, tenant, Permission.SETTINGS_READ);
        return reports.optedIn(tenant);
    }

    public boolean setOptIn(Actor actor, TenantId tenant, boolean optIn) {
        access.require(actor, tenant, Permission.SETTINGS_WRITE);
        reports.setOptIn(tenant, optIn, clock.instant());
        audit.record(actor, tenant, optIn ? "reputation.opted_in" : "reputation.opted_out", tenant.toString(), Map.of());
        return optIn;
    }

    /** The account says this call was not a scam: its report (if any) stops counting. True if a report was withdrawn. */
    public boolean markFalseAlarm(Actor actor, TenantId tenant, CallSid callSid) {
        access.require(actor, tenant, Permission.SETTINGS_WRITE);
        var call = callLogs.find(tenant, callSid).orElseThrow(() -> new NotFoundException("call"));
        boolean withdrawn = reports.withdraw(tenant, callSid);
        audit.record(actor, tenant, "call.marked_false_alarm", callSid.value(), Map.of("reportWithdrawn", Boolean.toString(withdrawn)));
        try {
            observer.falseAlarm(tenant, callSid, call.explanation() == null ? "" : call.explanation());
        } catch (RuntimeException ignored) {
            // metrics never undo the marking
        }
        return withdrawn;
    }
}
