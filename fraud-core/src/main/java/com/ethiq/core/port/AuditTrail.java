package com.ethiq.core.port;

import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.TenantId;
import java.util.List;

/**
 * Outgoing port: the append-only audit trail. Events are never updated or deleted; implementations chain them
 * per tenant so that tampering is detectable. Thread-safe.
 */
public interface AuditTrail {

    void append(AuditEvent event);

    /** Newest first. */
    List<AuditEvent> recent(TenantId tenant, int limit);
}
