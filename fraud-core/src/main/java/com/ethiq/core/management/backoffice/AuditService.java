package com.ethiq.core.management.backoffice;

import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.Permission;
import com.ethiq.core.domain.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Use cases: read an account's audit log (newest first, paged by sequence) and verify its hash chain. Thread-safe. */
public final class AuditService {
    public static final int MAX_LIMIT = 500;
    private final AuditChain chain;
    private final AuditChainVerifier verifier;
    private final AccessPolicy access;
    private final AuditRecorder audit;

    public AuditService(AuditChain chain, AccessPolicy access, AuditRecorder audit) {
        this.chain = chain;
        this.verifier = new AuditChainVerifier(chain);
        this.access = access;
        this.audit = audit;
    }

    public Page<ChainedAuditEvent> list(Actor actor, TenantId tenant, Long beforeSequence, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("'limit' must be 1-" + MAX_LIMIT + ", got " + limit);
        }
        access.require(actor, tenant, Permission.AUDIT_READ);
        List<ChainedAuditEvent> rows = chain.page(tenant, beforeSequence == null ? Long.MAX_VALUE : beforeSequence, limit);
        String next = rows.size() == limit && rows.get(rows.size() - 1).sequence() > 1
                ? Long.toString(rows.get(rows.size() - 1).sequence()) : null;
        return new Page<>(rows, next);
    }

    /** Walks the whole chain; the verification itself is audited after the walk (it is not part of what it checked). */
    public ChainVerification verify(Actor actor, TenantId tenant, Optional<AuditChainVerifier.Anchor> anchor) {
        access.require(actor, tenant, Permission.AUDIT_VERIFY);
        ChainVerification v = verifier.verify(tenant, anchor);
        audit.record(actor, tenant, "audit.verified", tenant.toString(), Map.of("intact", Boolean.toString(v.intact()),
                "checked", Long.toString(v.eventsChecked())));
        return v;
    }
}
