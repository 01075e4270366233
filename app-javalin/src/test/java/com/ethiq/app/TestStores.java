package com.ethiq.app;

import com.ethiq.core.fake.InMemoryAlertOutbox;
import com.ethiq.core.fake.InMemoryAuditTrail;
import com.ethiq.core.fake.InMemoryCallLogs;
import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryTenantSecrets;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.InMemoryUsageLedger;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.TenantSecrets;
import com.ethiq.core.port.UsageLedger;
import java.time.Clock;

/**
 * The persistent side of the app for tests: one set of stores that several app instances (a restarted node, a second
 * node) share, as they would share one database.
 */
public record TestStores(RosterTenants tenants, EmergencyContacts contacts, CallLogs callLogs, AlertOutbox outbox,
                         UsageLedger usage, AuditTrail audit, TenantSecrets secrets) {

    public static TestStores inMemory(Clock clock) {
        return new TestStores(new RosterTenants(new InMemoryTenants()), new InMemoryEmergencyContacts(),
                new InMemoryCallLogs(), new InMemoryAlertOutbox(), new InMemoryUsageLedger(), new InMemoryAuditTrail(),
                new InMemoryTenantSecrets(clock));
    }

    /** Adapters over these stores; the vendors are the caller's. */
    public Adapters.Builder adapters() {
        return Adapters.builder()
                .tenants(tenants).roster(tenants).emergencyContacts(contacts).callLogs(callLogs).alertOutbox(outbox)
                .usageLedger(usage).auditTrail(audit).tenantSecrets(secrets);
    }
}
