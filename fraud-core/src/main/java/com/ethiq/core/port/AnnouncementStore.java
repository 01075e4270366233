package com.ethiq.core.port;

import com.ethiq.core.domain.Announcement;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import java.util.Optional;

/**
 * Outgoing port: spoken warnings, stored so that the node the provider asks for one need not be the node that
 * requested it. Looked up by reference alone (the reference is the secret the provider was given; the row says
 * which tenant it belongs to). Thread-safe; {@link #claim} and {@link #replay} are atomic across nodes.
 */
public interface AnnouncementStore {
    /**
     * Stores {@code announcement} unless the tenant already has one with the same idempotency key, in which case
     * that one is returned unchanged (a retried alert reuses its reference).
     */
    Announcement saveIfAbsent(Announcement announcement);

    /** The announcement with this reference, whatever its tenant. */
    Optional<Announcement> find(String reference);

    /**
     * Marks the announcement served and returns it if it was not served yet; empty when unknown or already served
     * (a repeated fetch of the same request speaks nothing).
     */
    Optional<Announcement> claim(String reference);

    /**
     * The call's most recent announcement, made servable again with one more play, if it has been played fewer than
     * {@code maxPlays} times; empty otherwise. Used when the provider reports that an announcement failed.
     */
    Optional<Announcement> replay(TenantId tenant, CallSid call, int maxPlays);
}
