package com.ethiq.core.port;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.family.FamilyActionTaken;
import com.ethiq.core.family.FamilyLink;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Outgoing port: family links (stored by token hash) and the actions done on calls. {@link #findByHash} is the one
 * cross-tenant read (a link arrives without any tenant); everything else is scoped to one tenant, and another tenant's
 * rows behave as absent. {@link #claimAction} is the exactly-once anchor across threads and nodes. Thread-safe.
 */
public interface FamilyLinkStore {

    /** Stores a link; a link with the same id already stored is left as it is (a retried write). */
    void save(FamilyLink link);

    /** The link with this token hash, whatever its tenant, expiry or revocation (the caller decides). */
    Optional<FamilyLink> findByHash(String tokenHash);

    /** The links sent for one call, oldest first. */
    List<FamilyLink> forCall(TenantId tenant, CallSid callSid);

    /** Revokes a link from {@code at} on; false if the tenant has no such link or it was revoked already. */
    boolean revoke(TenantId tenant, UUID linkId, Instant at);

    /**
     * Records the action unless this action was already done on this call: true if this call recorded it (the caller
     * then performs it, exactly once), false if it was there.
     */
    boolean claimAction(FamilyActionTaken action);

    /** Forgets a claimed action whose performing failed, so it can be tried again. False if absent. */
    boolean releaseAction(TenantId tenant, CallSid callSid, String action);

    /** The actions done on one call, oldest first. */
    List<FamilyActionTaken> actions(TenantId tenant, CallSid callSid);
}
