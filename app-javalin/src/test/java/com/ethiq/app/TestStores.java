package com.ethiq.app;

import com.ethiq.adapter.supabase.SupabaseStore;
import com.ethiq.adapter.supabase.TenantChangeListener;
import com.ethiq.adapter.supabase.testkit.TestDatabase;
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
import com.ethiq.core.port.Tenants;
import com.ethiq.core.port.UsageLedger;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The persistent side of the app for tests: one "database" that several app instances (a restarted node, a second
 * node) share. {@link #forNode()} gives each node its own adapters over it (on PostgreSQL: its own pools and its own
 * tenant-change listener, as separate processes would have); the accessors read the same data for assertions.
 */
public final class TestStores {
    private final Tenants tenants;
    private final EmergencyContacts contacts;
    private final CallLogs callLogs;
    private final AlertOutbox outbox;
    private final UsageLedger usage;
    private final AuditTrail audit;
    private final TenantSecrets secrets;
    private com.ethiq.core.port.AccountTelephony accountTelephony;
    /** The store's own unit of work for a send's outcome; none in memory (the core composes one over the outbox). */
    private com.ethiq.core.port.AlertOutcomes alertOutcomes;
    private final Supplier<Adapters.Builder> perNode;
    private final String kind;

    private TestStores(Tenants tenants, EmergencyContacts contacts, CallLogs callLogs, AlertOutbox outbox, UsageLedger usage,
                       AuditTrail audit, TenantSecrets secrets, Supplier<Adapters.Builder> perNode, String kind) {
        this.tenants = tenants;
        this.contacts = contacts;
        this.callLogs = callLogs;
        this.outbox = outbox;
        this.usage = usage;
        this.audit = audit;
        this.secrets = secrets;
        this.perNode = perNode;
        this.kind = kind;
    }

    /** The JVM's embedded PostgreSQL (shared, migrated once; tests isolate themselves with their own tenants). */
    public static TestStores postgres(Clock clock) {
        TestDatabase.Database db = TestDatabase.shared().database();
        SupabaseStore view = db.storeBuilder().clock(clock).build();
        Supplier<Adapters.Builder> perNode = () -> {
            var appPool = db.newAppPool(8, false);
            var platformPool = db.newPlatformPool(4, false);
            SupabaseStore store = SupabaseStore.builder()
                    .appDataSource(appPool)
                    .platformDataSource(platformPool)
                    .keyring(TestDatabase.testKeyring()).contextKeys(TestDatabase.CONTEXT_KEYS)
                    .clock(clock)
                    .build();
            TenantChangeListener listener = new TenantChangeListener(db.directAppDataSource()).start();
            return VendorWiring.supabase(Adapters.builder(), store, appPool, listener).closing(appPool).closing(platformPool).closing(listener).vendor("store", "postgresql (embedded)");
        };
        TestStores stores = new TestStores(view.tenants(), view.emergencyContacts(), view.callLogs(), view.alertOutbox(),
                view.usageLedger(), view.auditTrail(), view.tenantSecrets(), perNode, "postgresql");
        stores.accountTelephony = view.accountTelephony();
        stores.alertOutcomes = view.alertOutcomes();
        return stores;
    }

    public static TestStores inMemory(Clock clock) {
        RosterTenants tenants = new RosterTenants(new InMemoryTenants());
        InMemoryEmergencyContacts contacts = new InMemoryEmergencyContacts();
        InMemoryCallLogs callLogs = new InMemoryCallLogs();
        InMemoryAlertOutbox outbox = new InMemoryAlertOutbox();
        InMemoryUsageLedger usage = new InMemoryUsageLedger();
        InMemoryAuditTrail audit = new InMemoryAuditTrail();
        InMemoryTenantSecrets secrets = new InMemoryTenantSecrets(clock);
        var announcements = new com.ethiq.core.fake.InMemoryAnnouncementStore();
        var accountTelephony = new com.ethiq.core.fake.InMemoryAccountTelephony();
        Supplier<Adapters.Builder> perNode = () -> Adapters.builder()
                .tenants(tenants).roster(tenants).emergencyContacts(contacts).callLogs(callLogs).alertOutbox(outbox)
                .usageLedger(usage).auditTrail(audit).tenantSecrets(secrets)
                .announcements(announcements).accountTelephony(accountTelephony).vendor("store", "in-memory");
        TestStores stores = new TestStores(tenants, contacts, callLogs, outbox, usage, audit, secrets, perNode, "in-memory");
        stores.accountTelephony = accountTelephony;
        return stores;
    }

    /** The durable store's {@link com.ethiq.core.port.AlertOutcomes}, empty in memory (nodes then compose one). */
    public java.util.Optional<com.ethiq.core.port.AlertOutcomes> alertOutcomes() {
        return java.util.Optional.ofNullable(alertOutcomes);
    }

    /** Adapters of one node over these stores; the vendors are the caller's. */
    public Adapters.Builder forNode() {
        return perNode.get();
    }

    public Tenants tenants() {
        return tenants;
    }

    public EmergencyContacts contacts() {
        return contacts;
    }

    public CallLogs callLogs() {
        return callLogs;
    }

    public AlertOutbox outbox() {
        return outbox;
    }

    public UsageLedger usage() {
        return usage;
    }

    public AuditTrail audit() {
        return audit;
    }

    /** Each account's telephony choices, as every node reads them. */
    public com.ethiq.core.port.AccountTelephony accountTelephony() {
        return accountTelephony;
    }

    public TenantSecrets secrets() {
        return secrets;
    }

    @Override
    public String toString() {
        return kind;
    }
}
