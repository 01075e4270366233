package com.ethiq.core.fake;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.identity.Invitation;
import com.ethiq.core.management.identity.Invitations;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** In-memory {@link Invitations}. Thread-safe. */
public final class InMemoryInvitations implements Invitations {
    private final Map<UUID, Invitation> byId = new LinkedHashMap<>();

    @Override
    public synchronized void create(Invitation invitation) {
        byId.put(invitation.id(), invitation);
    }

    @Override
    public synchronized Optional<Invitation> findByTokenHash(String tokenHash) {
        return byId.values().stream().filter(i -> i.tokenHash().equals(tokenHash)).findFirst();
    }

    @Override
    public synchronized boolean markAccepted(UUID invitationId, Instant at) {
        Invitation i = byId.get(invitationId);
        if (i == null || i.acceptedAt() != null) {
            return false;
        }
        byId.put(invitationId, new Invitation(i.id(), i.tenant(), i.email(), i.role(), i.tokenHash(), i.invitedBy(),
                i.createdAt(), i.expiresAt(), at));
        return true;
    }

    @Override
    public synchronized List<Invitation> pending(TenantId tenant, Instant now) {
        return byId.values().stream()
                .filter(i -> i.tenant().equals(tenant) && i.acceptedAt() == null && now.isBefore(i.expiresAt())).toList();
    }

    @Override
    public synchronized boolean revoke(TenantId tenant, UUID invitationId) {
        Invitation i = byId.get(invitationId);
        if (i == null || !i.tenant().equals(tenant) || i.acceptedAt() != null) {
            return false;
        }
        byId.remove(invitationId);
        return true;
    }

    @Override
    public synchronized int removeAll(TenantId tenant) {
        int before = byId.size();
        byId.values().removeIf(i -> i.tenant().equals(tenant));
        return before - byId.size();
    }
}
