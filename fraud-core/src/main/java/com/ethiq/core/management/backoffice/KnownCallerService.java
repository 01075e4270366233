package com.ethiq.core.management.backoffice;

import com.ethiq.core.domain.CallerListing;
import com.ethiq.core.domain.KnownCaller;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.NotFoundException;
import com.ethiq.core.management.identity.Permission;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.KnownCallers;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Use cases: an account's trusted ("known callers") and blocked numbers. Same permissions as the emergency contacts
 * (they are the same kind of family-managed list); every change is audited, without the number. Thread-safe.
 */
public final class KnownCallerService {
    /** Bounds the list (and the incoming-call lookup's index) per account. */
    public static final int MAX_ENTRIES = 500;

    private final KnownCallers callers;
    private final AccessPolicy access;
    private final AuditRecorder audit;
    private final IdGenerator ids;
    private final Clock clock;

    public KnownCallerService(KnownCallers callers, AccessPolicy access, AuditRecorder audit, IdGenerator ids, Clock clock) {
        this.callers = callers;
        this.access = access;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /** An entry as entered: an E.164 phone, an optional name, and trusted, blocked_reject or blocked_warn. */
    public record Input(String phone, String name, String listing) {
        public Input {
            if (phone == null) {
                throw new IllegalArgumentException("'phone' is required");
            }
            PhoneNumber.of(phone);
            CallerListing.fromWire(listing);
        }
    }

    public List<KnownCaller> list(Actor actor, TenantId tenant) {
        access.require(actor, tenant, Permission.CONTACTS_READ);
        return callers.list(tenant);
    }

    public KnownCaller get(Actor actor, TenantId tenant, UUID id) {
        access.require(actor, tenant, Permission.CONTACTS_READ);
        return callers.find(tenant, id).orElseThrow(() -> new NotFoundException("known caller"));
    }

    public KnownCaller add(Actor actor, TenantId tenant, Input in) {
        access.require(actor, tenant, Permission.CONTACTS_WRITE);
        if (callers.list(tenant).size() >= MAX_ENTRIES) {
            throw new ConflictException("an account lists at most " + MAX_ENTRIES + " callers");
        }
        KnownCaller c = new KnownCaller(ids.newId(), tenant, PhoneNumber.of(in.phone()), in.name(),
                CallerListing.fromWire(in.listing()), clock.instant());
        callers.add(c);
        audit.record(actor, tenant, "known_caller.added", c.id().toString(), Map.of("listing", c.listing().wire()));
        return c;
    }

    public KnownCaller update(Actor actor, TenantId tenant, UUID id, Input in) {
        access.require(actor, tenant, Permission.CONTACTS_WRITE);
        KnownCaller old = callers.find(tenant, id).orElseThrow(() -> new NotFoundException("known caller"));
        KnownCaller next = new KnownCaller(id, tenant, PhoneNumber.of(in.phone()), in.name(), CallerListing.fromWire(in.listing()),
                old.createdAt());
        if (!callers.update(next)) {
            throw new NotFoundException("known caller");
        }
        audit.record(actor, tenant, "known_caller.updated", id.toString(), Map.of("listing", next.listing().wire()));
        return next;
    }

    public void remove(Actor actor, TenantId tenant, UUID id) {
        access.require(actor, tenant, Permission.CONTACTS_WRITE);
        if (!callers.remove(tenant, id)) {
            throw new NotFoundException("known caller");
        }
        audit.record(actor, tenant, "known_caller.removed", id.toString(), Map.of());
    }
}
