package com.ethiq.core.management.backoffice;

import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.IdentitySettings;
import com.ethiq.core.management.identity.NotFoundException;
import com.ethiq.core.management.identity.Permission;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.IdGenerator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Use cases: an account's emergency contacts (E.164 numbers, at most a configured number per account). Thread-safe. */
public final class ContactService {
    private final EmergencyContacts contacts;
    private final AccessPolicy access;
    private final AuditRecorder audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final IdentitySettings settings;

    public ContactService(EmergencyContacts contacts, AccessPolicy access, AuditRecorder audit, IdGenerator ids, Clock clock,
                   IdentitySettings settings) {
        this.contacts = contacts;
        this.access = access;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
    }

    /** A contact as entered; the phone must be E.164 (+33612345678). */
    /** {@code mayJoin}: whether the contact's family link may add their phone to a live call (null: on for a new contact, unchanged on update). */
    public record ContactInput(String name, String phone, String relationship, Boolean mayJoin) {
        public ContactInput(String name, String phone, String relationship) {
            this(name, phone, relationship, null);
        }

        public ContactInput {
            if (phone == null) {
                throw new IllegalArgumentException("'phone' is required");
            }
            PhoneNumber.of(phone);
            if (name == null) {
                throw new IllegalArgumentException("'name' is required");
            }
        }
    }

    public List<EmergencyContact> list(Actor actor, TenantId tenant) {
        access.require(actor, tenant, Permission.CONTACTS_READ);
        return contacts.list(tenant);
    }

    public EmergencyContact get(Actor actor, TenantId tenant, UUID id) {
        access.require(actor, tenant, Permission.CONTACTS_READ);
        return contacts.find(tenant, id).orElseThrow(() -> new NotFoundException("contact"));
    }

    public EmergencyContact add(Actor actor, TenantId tenant, ContactInput in) {
        access.require(actor, tenant, Permission.CONTACTS_WRITE);
        if (contacts.list(tenant).size() >= settings.maxContacts()) {
            throw new ConflictException("an account has at most " + settings.maxContacts() + " emergency contacts");
        }
        EmergencyContact c = new EmergencyContact(ids.newId(), tenant, in.name().strip(), PhoneNumber.of(in.phone()),
                in.relationship(), clock.instant(), in.mayJoin() == null || in.mayJoin());
        contacts.add(c);
        audit.record(actor, tenant, "contact.added", c.id().toString(), Map.of());
        return c;
    }

    public EmergencyContact update(Actor actor, TenantId tenant, UUID id, ContactInput in) {
        access.require(actor, tenant, Permission.CONTACTS_WRITE);
        EmergencyContact old = contacts.find(tenant, id).orElseThrow(() -> new NotFoundException("contact"));
        EmergencyContact next = new EmergencyContact(id, tenant, in.name().strip(), PhoneNumber.of(in.phone()),
                in.relationship(), old.createdAt(), in.mayJoin() == null ? old.mayJoin() : in.mayJoin());
        if (!contacts.update(next)) {
            throw new NotFoundException("contact");
        }
        audit.record(actor, tenant, "contact.updated", id.toString(), Map.of());
        return next;
    }

    public void remove(Actor actor, TenantId tenant, UUID id) {
        access.require(actor, tenant, Permission.CONTACTS_WRITE);
        if (!contacts.remove(tenant, id)) {
            throw new NotFoundException("contact");
        }
        audit.record(actor, tenant, "contact.removed", id.toString(), Map.of());
    }
}
