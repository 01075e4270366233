package com.ethiq.core.fake;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.identity.Membership;
import com.ethiq.core.management.identity.Memberships;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.management.identity.UserId;
import com.ethiq.core.port.ConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** In-memory {@link Memberships} with the same "one owner at least" guard as the store. Thread-safe. */
public final class InMemoryMemberships implements Memberships {
    private final List<Membership> rows = new ArrayList<>();

    @Override
    public synchronized void add(Membership membership) {
        if (find(membership.tenant(), membership.user()).isPresent()) {
            throw new ConflictException("'user' is already a member of this account");
        }
        rows.add(membership);
    }

    @Override
    public synchronized Optional<Membership> find(TenantId tenant, UserId user) {
        return rows.stream().filter(m -> m.tenant().equals(tenant) && m.user().equals(user)).findFirst();
    }

    @Override
    public synchronized List<Membership> ofTenant(TenantId tenant) {
        return rows.stream().filter(m -> m.tenant().equals(tenant)).toList();
    }

    @Override
    public synchronized List<Membership> ofUser(UserId user) {
        return rows.stream().filter(m -> m.user().equals(user)).toList();
    }

    @Override
    public synchronized ChangeOutcome changeRole(TenantId tenant, UserId user, Role role) {
        Optional<Membership> m = find(tenant, user);
        if (m.isEmpty()) {
            return ChangeOutcome.NOT_FOUND;
        }
        if (m.get().role() == Role.OWNER && role != Role.OWNER && owners(tenant) == 1) {
            return ChangeOutcome.LAST_OWNER;
        }
        rows.set(rows.indexOf(m.get()), m.get().withRole(role));
        return ChangeOutcome.CHANGED;
    }

    @Override
    public synchronized ChangeOutcome remove(TenantId tenant, UserId user) {
        Optional<Membership> m = find(tenant, user);
        if (m.isEmpty()) {
            return ChangeOutcome.NOT_FOUND;
        }
        if (m.get().role() == Role.OWNER && owners(tenant) == 1) {
            return ChangeOutcome.LAST_OWNER;
        }
        rows.remove(m.get());
        return ChangeOutcome.CHANGED;
    }

    @Override
    public synchronized int removeAll(TenantId tenant) {
        int before = rows.size();
        rows.removeIf(m -> m.tenant().equals(tenant));
        return before - rows.size();
    }

    private long owners(TenantId tenant) {
        return rows.stream().filter(m -> m.tenant().equals(tenant) && m.role() == Role.OWNER).count();
    }
}
