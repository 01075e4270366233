package com.ethiq.core.fake;

import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.backoffice.TenantEraser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link TenantEraser} over the in-memory fakes: removes contacts, secrets and transcripts through their ports and
 * remembers which tenants it erased. (The fakes have no way to drop call-log rows; the store's eraser does.)
 * Thread-safe.
 */
public final class InMemoryTenantEraser implements TenantEraser {
    private final InMemoryEmergencyContacts contacts;
    private final InMemoryTenantSecrets secrets;
    private final InMemoryCallLogs callLogs;
    private final InMemoryTenants tenants;
    private final List<TenantId> erased = new ArrayList<>();

    public InMemoryTenantEraser(InMemoryEmergencyContacts contacts, InMemoryTenantSecrets secrets, InMemoryCallLogs callLogs) {
        this(contacts, secrets, callLogs, null);
    }

    /** Also frees the account's SIP address and number in {@code tenants}, as the store's erasure does. */
    public InMemoryTenantEraser(InMemoryEmergencyContacts contacts, InMemoryTenantSecrets secrets, InMemoryCallLogs callLogs,
                                InMemoryTenants tenants) {
        this.contacts = contacts;
        this.secrets = secrets;
        this.callLogs = callLogs;
        this.tenants = tenants;
    }

    @Override
    public synchronized Map<String, Integer> erase(TenantId tenant, String actor) {
        int c = 0;
        for (EmergencyContact contact : contacts.list(tenant)) {
            c += contacts.remove(tenant, contact.id()) ? 1 : 0;
        }
        int s = 0;
        for (var e : secrets.status(tenant).entrySet()) {
            if (e.getValue().set()) {
                secrets.remove(tenant, e.getKey());
                s++;
            }
        }
        int t = callLogs.purgeTranscripts(tenant, Instant.MAX);
        erased.add(tenant);
        if (tenants != null) {
            tenants.releaseKeys(tenant);
        }
        return Map.of("contacts", c, "secrets", s, "transcriptSegments", t);
    }

    public synchronized List<TenantId> erased() {
        return List.copyOf(erased);
    }
}
