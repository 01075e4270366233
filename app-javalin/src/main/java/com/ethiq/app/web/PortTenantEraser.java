package com.ethiq.app.web;

import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.backoffice.TenantEraser;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.TenantSecrets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Erases a tenant's personal data through the ordinary ports (contacts, secrets, transcripts), for stores that have no
 * eraser of their own (the in-memory ones). A database store should use its own eraser, which also drops call rows in
 * one transaction. Thread-safe when the ports are.
 */
public final class PortTenantEraser implements TenantEraser {
    private final EmergencyContacts contacts;
    private final TenantSecrets secrets;
    private final CallLogs callLogs;
    private final com.ethiq.core.port.KnownCallers knownCallers;
    private final com.ethiq.core.port.CallerReports callerReports;

    public PortTenantEraser(EmergencyContacts contacts, TenantSecrets secrets, CallLogs callLogs) {
        this(contacts, secrets, callLogs, null);
    }

    /** {@code knownCallers} may be null (a store set without the trusted and blocked callers). */
    public PortTenantEraser(EmergencyContacts contacts, TenantSecrets secrets, CallLogs callLogs,
                            com.ethiq.core.port.KnownCallers knownCallers) {
        this(contacts, secrets, callLogs, knownCallers, null);
    }

    /** {@code callerReports} may be null (a store set without the shared reputation). */
    public PortTenantEraser(EmergencyContacts contacts, TenantSecrets secrets, CallLogs callLogs,
                            com.ethiq.core.port.KnownCallers knownCallers, com.ethiq.core.port.CallerReports callerReports) {
        this.callerReports = callerReports;
        this.contacts = Objects.requireNonNull(contacts, "'contacts' must not be null");
        this.secrets = Objects.requireNonNull(secrets, "'secrets' must not be null");
        this.callLogs = Objects.requireNonNull(callLogs, "'callLogs' must not be null");
        this.knownCallers = knownCallers;
    }

    @Override
    public Map<String, Integer> erase(TenantId tenant, String actor) {
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
        int k = 0;
        if (knownCallers != null) {
            for (var listed : knownCallers.list(tenant)) {
                k += knownCallers.remove(tenant, listed.id()) ? 1 : 0;
            }
        }
        // as the database eraser: the account's reputation reports and opt-in go with it
        int r = callerReports == null ? 0 : callerReports.erase(tenant);
        int t = callLogs.purgeTranscripts(tenant, Instant.parse("9999-12-31T00:00:00Z"));
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("contacts", c);
        out.put("secrets", s);
        out.put("knownCallers", k);
        out.put("callerReports", r);
        out.put("transcriptSegments", t);
        return out;
    }
}
