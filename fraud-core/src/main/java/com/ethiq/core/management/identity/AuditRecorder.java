package com.ethiq.core.management.identity;

import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.IdGenerator;
import java.time.Clock;
import java.util.Map;

/** Writes audit rows for the identity use cases: actor, account, action, target, IP, user agent, time. Thread-safe. */
public final class AuditRecorder {
    private final AuditTrail trail;
    private final IdGenerator ids;
    private final Clock clock;

    public AuditRecorder(AuditTrail trail, IdGenerator ids, Clock clock) {
        this.trail = trail;
        this.ids = ids;
        this.clock = clock;
    }

    public void record(Actor actor, TenantId tenant, String action, String target, Map<String, String> details) {
        trail.append(new AuditEvent(ids.newId(), tenant, actor.auditName(), action, target, actor.origin().ip(),
                actor.origin().userAgent(), clock.instant(), details));
    }

    /** For actions before anyone is authenticated (logins, sign-ups, refreshes). */
    public void record(String actorName, RequestOrigin origin, TenantId tenant, String action, String target,
                       Map<String, String> details) {
        trail.append(new AuditEvent(ids.newId(), tenant, actorName, action, target, origin.ip(), origin.userAgent(),
                clock.instant(), details));
    }
}
