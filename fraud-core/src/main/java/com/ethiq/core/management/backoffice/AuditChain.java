package com.ethiq.core.management.backoffice;

import com.ethiq.core.domain.TenantId;
import java.util.List;

/**
 * Outgoing port: the read side of the audit trail's hash chains (one per account, one for platform events with no
 * account, {@code tenant == null}). Rows come back exactly as stored, so a verifier can recompute every link.
 * Thread-safe.
 */
public interface AuditChain {

    /** Ascending by sequence, the first {@code limit} events after {@code afterSequence} (0 = from the start). */
    List<ChainedAuditEvent> read(TenantId tenant, long afterSequence, int limit);

    /** Descending by sequence, at most {@code limit} events before {@code beforeSequence} (Long.MAX_VALUE = newest). */
    List<ChainedAuditEvent> page(TenantId tenant, long beforeSequence, int limit);
}
