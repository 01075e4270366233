package com.ethiq.core.fake;

import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.EmergencyContacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link EmergencyContacts}. Thread-safe. */
public final class InMemoryEmergencyContacts implements EmergencyContacts {
    private final Map<TenantId, List<EmergencyContact>> byTenant = new ConcurrentHashMap<>();

    @Override
    public List<EmergencyContact> list(TenantId tenant) {
        List<EmergencyContact> contacts = byTenant.get(tenant);
        if (contacts == null) {
            return List.of();
        }
        synchronized (contacts) {
            return contacts.stream().sorted(Comparator.comparing(EmergencyContact::createdAt)).toList();
        }
    }

    @Override
    public Optional<EmergencyContact> find(TenantId tenant, UUID contactId) {
        return list(tenant).stream().filter(c -> c.id().equals(contactId)).findFirst();
    }

    @Override
    public void add(EmergencyContact contact) {
        List<EmergencyContact> contacts = byTenant.computeIfAbsent(contact.tenant(), t -> new ArrayList<>());
        synchronized (contacts) {
            if (contacts.stream().anyMatch(c -> c.phone().equals(contact.phone()) || c.id().equals(contact.id()))) {
                throw new ConflictException("'phone' is already an emergency contact of this account");
            }
            contacts.add(contact);
        }
    }

    @Override
    public boolean update(EmergencyContact contact) {
        List<EmergencyContact> contacts = byTenant.get(contact.tenant());
        if (contacts == null) {
            return false;
        }
        synchronized (contacts) {
            if (contacts.stream().anyMatch(c -> c.phone().equals(contact.phone()) && !c.id().equals(contact.id()))) {
                throw new ConflictException("'phone' is already an emergency contact of this account");
            }
            for (int i = 0; i < contacts.size(); i++) {
                if (contacts.get(i).id().equals(contact.id())) {
                    EmergencyContact old = contacts.get(i);
                    contacts.set(i, new EmergencyContact(old.id(), old.tenant(), contact.name(), contact.phone(),
                            contact.relationship(), old.createdAt()));
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public boolean remove(TenantId tenant, UUID contactId) {
        List<EmergencyContact> contacts = byTenant.get(tenant);
        if (contacts == null) {
            return false;
        }
        synchronized (contacts) {
            return contacts.removeIf(c -> c.id().equals(contactId));
        }
    }
}
