package com.ethiq.core.fake;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.family.FamilyActionTaken;
import com.ethiq.core.family.FamilyLink;
import com.ethiq.core.port.FamilyLinkStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link FamilyLinkStore}: the action claim is a {@code putIfAbsent}, as atomic as the database's key. */
public final class InMemoryFamilyLinks implements FamilyLinkStore {
    private final Map<UUID, FamilyLink> byId = new ConcurrentHashMap<>();
    private final Map<String, UUID> byHash = new ConcurrentHashMap<>();
    private final Map<String, FamilyActionTaken> actions = new ConcurrentHashMap<>();

    @Override
    public synchronized void save(FamilyLink link) {
        if (byId.containsKey(link.id())) {
            return;
        }
        if (byHash.containsKey(link.tokenHash())) {
            throw new IllegalStateException("two links with one token hash");
        }
        byId.put(link.id(), link);
        byHash.put(link.tokenHash(), link.id());
    }

    @Override
    public Optional<FamilyLink> findByHash(String tokenHash) {
        return Optional.ofNullable(byHash.get(tokenHash)).map(byId::get);
    }

    @Override
    public List<FamilyLink> forCall(TenantId tenant, CallSid callSid) {
        return byId.values().stream().filter(l -> l.tenant().equals(tenant) && l.callSid().equals(callSid))
                .sorted(Comparator.comparing(FamilyLink::createdAt).thenComparing(l -> l.id().toString())).toList();
    }

    @Override
    public synchronized boolean revoke(TenantId tenant, UUID linkId, Instant at) {
        FamilyLink l = byId.get(linkId);
        if (l == null || !l.tenant().equals(tenant) || l.revokedAt() != null) {
            return false;
        }
        byId.put(linkId, new FamilyLink(l.id(), l.tenant(), l.callSid(), l.alertId(), l.contactId(), l.recipient(), l.tokenHash(),
                l.createdAt(), l.expiresAt(), at));
        return true;
    }

    @Override
    public boolean claimAction(FamilyActionTaken action) {
        return actions.putIfAbsent(key(action.tenant(), action.callSid(), action.action()), action) == null;
    }

    @Override
    public boolean releaseAction(TenantId tenant, CallSid callSid, String action) {
        return actions.remove(key(tenant, callSid, action)) != null;
    }

    @Override
    public List<FamilyActionTaken> actions(TenantId tenant, CallSid callSid) {
        return actions.values().stream().filter(a -> a.tenant().equals(tenant) && a.callSid().equals(callSid))
                .sorted(Comparator.comparing(FamilyActionTaken::at).thenComparing(FamilyActionTaken::action)).toList();
    }

    private static String key(TenantId tenant, CallSid callSid, String action) {
        return tenant.value() + ":" + callSid.value() + ":" + action;
    }
}
