package com.ethiq.core.usecase;

import com.ethiq.core.caller.CallerScreening;
import com.ethiq.core.caller.CallerTrust;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.Tenants;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: decide what happens to a ringing call (protect, connect unprotected, reject) and log it for the tenant.
 * Protecting includes ringing the protected person into the call's conference ({@link RingProtectedPerson}, off the
 * caller's thread, with its retry policy). The host resolves the tenant first ({@link #resolve}) because it needs
 * the tenant's credentials to check the webhook signature before anything is decided. Thread-safe.
 */
public final class IncomingCallService {
    private static final Logger log = LoggerFactory.getLogger(IncomingCallService.class);

    private final Tenants tenants;
    private final CallLogs callLogs;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final RingProtectedPerson ring;
    /** Trusted and blocked callers; null: nobody is blocked. */
    private final CallerScreening screening;

    public IncomingCallService(Tenants tenants, CallLogs callLogs, AuditTrail audit, IdGenerator ids, Clock clock,
                               RingProtectedPerson ring) {
        this(tenants, callLogs, audit, ids, clock, ring, null);
    }

    public IncomingCallService(Tenants tenants, CallLogs callLogs, AuditTrail audit, IdGenerator ids, Clock clock,
                               RingProtectedPerson ring, CallerScreening screening) {
        this.tenants = Objects.requireNonNull(tenants, "'tenants' must not be null");
        this.callLogs = Objects.requireNonNull(callLogs, "'callLogs' must not be null");
        this.audit = Objects.requireNonNull(audit, "'audit' must not be null");
        this.ids = Objects.requireNonNull(ids, "'ids' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.ring = Objects.requireNonNull(ring, "'ring' must not be null");
        this.screening = screening;
    }

    /** The tenant owning the called number, if any. */
    public Optional<Tenant> resolve(PhoneNumber calledNumber) {
        return tenants.findByCalledNumber(calledNumber);
    }

    /**
     * Decides, records the call log (unless the number is unknown) and audits, once per call sid; every protect
     * decision also rings the protected person in.
     */
    public IncomingCallDecision decide(IncomingCall call, Optional<Tenant> resolved) {
        if (resolved.isEmpty()) {
            // No tenant to attribute this to: a platform audit event, and a warning operators alert on.
            log.warn("call to unknown number {} rejected (callSid={})", call.to().masked(), call.callSid());
            audit.append(AuditEvent.system(ids.newId(), null, "call.rejected_unknown_number", call.callSid().value(),
                    clock.instant(), Map.of("to", call.to().masked())));
            return new IncomingCallDecision.Reject("unknown_number", false);
        }
        Tenant tenant = resolved.get();
        return switch (tenant.status()) {
            case ACTIVE -> {
                if (blockedAndRejected(tenant, call)) {
                    record(tenant, call, CallProtection.REJECTED, "call.rejected_blocked_caller");
                    yield new IncomingCallDecision.Reject("blocked_caller", false);
                }
                record(tenant, call, CallProtection.PROTECTED, "call.protected");
                ConferenceName conference = ConferenceName.forCall(tenant.id(), call.callSid());
                ring.ring(tenant, call.callSid(), conference);
                yield new IncomingCallDecision.Protect(tenant, call.callSid(), conference);
            }
            case SUSPENDED -> {
                record(tenant, call, CallProtection.UNPROTECTED_ACCOUNT_SUSPENDED, "call.unprotected_suspended");
                yield new IncomingCallDecision.ConnectUnprotected(tenant, call.callSid(), "account_suspended");
            }
            case CANCELLED -> {
                record(tenant, call, CallProtection.REJECTED, "call.rejected_cancelled");
                yield new IncomingCallDecision.Reject("account_cancelled", true);
            }
            case PROVISIONING -> {
                record(tenant, call, CallProtection.REJECTED, "call.rejected_provisioning");
                yield new IncomingCallDecision.Reject("account_not_live", true);
            }
        };
    }

    /**
     * The account blocked this number and chose to refuse its calls (a "warn" block is protected and starts
     * suspicious). Screening here also looks the reputation up and keeps it, with the attestation, for the session.
     */
    private boolean blockedAndRejected(Tenant tenant, IncomingCall call) {
        return screening != null && screening.atRing(tenant.id(), call.callSid(), call.from(), call.attestation()).trust()
                instanceof CallerTrust.Blocked b && b.reject();
    }

    private void record(Tenant tenant, IncomingCall call, CallProtection protection, String action) {
        boolean fresh = callLogs.open(CallLog.started(tenant.id(), call.callSid(), call.from(), clock.instant(), protection));
        if (fresh) {
            audit.append(AuditEvent.system(ids.newId(), tenant.id(), action, call.callSid().value(), clock.instant(), Map.of()));
        }
    }
}
