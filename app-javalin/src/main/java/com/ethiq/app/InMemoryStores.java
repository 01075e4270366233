package com.ethiq.app;

import com.ethiq.app.web.PortTenantEraser;
import com.ethiq.core.fake.InMemoryAlertOutbox;
import com.ethiq.core.fake.InMemoryAttemptCounters;
import com.ethiq.core.fake.InMemoryCallLogs;
import com.ethiq.core.fake.InMemoryChainedAuditTrail;
import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryKnownCallers;
import com.ethiq.core.fake.InMemoryCallerReports;
import com.ethiq.core.fake.InMemoryInvitations;
import com.ethiq.core.fake.InMemoryMemberships;
import com.ethiq.core.fake.InMemoryNumberPool;
import com.ethiq.core.fake.InMemoryRefreshTokens;
import com.ethiq.core.fake.InMemoryTenantSecrets;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.InMemoryTwoFactorSecrets;
import com.ethiq.core.fake.InMemoryUsers;
import java.time.Clock;

/**
 * One in-memory store set for a node without a database (nothing survives a restart): the call path's stores and the
 * management side's, built together so they share what they must — one audit trail (the chained one, which the
 * management API lists and verifies) and one tenant store (numbers assigned from the pool land on the tenants the call
 * path looks up).
 */
public record InMemoryStores(RosterTenants tenants, InMemoryEmergencyContacts contacts, InMemoryCallLogs callLogs,
                             InMemoryAlertOutbox alertOutbox, com.ethiq.core.fake.InMemoryUsageLedger usage,
                             InMemoryChainedAuditTrail audit, InMemoryTenantSecrets secrets, InMemoryNumberPool numberPool,
                             IdentityStores identity, InMemoryKnownCallers knownCallers,
                             InMemoryCallerReports callerReports, com.ethiq.core.fake.InMemoryFamilyLinks familyLinks) {

    public static InMemoryStores create(Clock clock) {
        InMemoryTenants memory = new InMemoryTenants();
        RosterTenants tenants = new RosterTenants(memory);
        InMemoryEmergencyContacts contacts = new InMemoryEmergencyContacts();
        InMemoryKnownCallers knownCallers = new InMemoryKnownCallers();
        InMemoryCallerReports callerReports = new InMemoryCallerReports();
        InMemoryCallLogs callLogs = new InMemoryCallLogs();
        InMemoryTenantSecrets secrets = new InMemoryTenantSecrets(clock);
        InMemoryChainedAuditTrail audit = new InMemoryChainedAuditTrail();
        InMemoryNumberPool pool = new InMemoryNumberPool(memory);
        IdentityStores identity = new IdentityStores(new InMemoryUsers(), new InMemoryMemberships(),
                new InMemoryRefreshTokens(), new InMemoryTwoFactorSecrets(), new InMemoryInvitations(),
                new InMemoryAttemptCounters(), audit, pool, new PortTenantEraser(contacts, secrets, callLogs, knownCallers, callerReports));
        return new InMemoryStores(tenants, contacts, callLogs, new InMemoryAlertOutbox(),
                new com.ethiq.core.fake.InMemoryUsageLedger(), audit, secrets, pool, identity, knownCallers, callerReports,
                new com.ethiq.core.fake.InMemoryFamilyLinks());
    }

    /** Plugs every store (and the roster of the platform jobs) into {@code b}. */
    public Adapters.Builder into(Adapters.Builder b) {
        return b.tenants(tenants).roster(tenants).emergencyContacts(contacts).knownCallers(knownCallers).callerReports(callerReports)
                .familyLinks(familyLinks)
                // one node, nothing survives a restart: the published directory lives as long as this store set
                .institutionDirectories(new com.ethiq.core.fake.InMemoryInstitutionDirectories()).callLogs(callLogs).alertOutbox(alertOutbox)
                .usageLedger(usage).auditTrail(audit).tenantSecrets(secrets).identityStores(identity)
                .vendor("store", "in-memory (nothing survives a restart)");
    }
}
