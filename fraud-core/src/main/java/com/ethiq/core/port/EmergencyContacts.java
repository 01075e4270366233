package com.ethiq.core.port;

import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Outgoing port: each tenant's emergency contacts. Every method is scoped to one tenant. Thread-safe. */
public interface EmergencyContacts {

    /** The tenant's contacts, oldest first. */
    List<EmergencyContact> list(TenantId tenant);

    Optional<EmergencyContact> find(TenantId tenant, UUID contactId);

    /** Adds a contact; the same phone twice for one tenant raises {@link ConflictException}. */
    void add(EmergencyContact contact);

    /** Replaces name, phone and relationship; false if the tenant has no such contact. */
    boolean update(EmergencyContact contact);

    /** False if the tenant has no such contact. */
    boolean remove(TenantId tenant, UUID contactId);
}
