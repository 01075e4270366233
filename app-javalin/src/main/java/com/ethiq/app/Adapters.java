package com.ethiq.app;

import com.ethiq.core.port.TranscriptPurge;
import com.ethiq.app.jobs.TenantRoster;
import com.ethiq.core.port.AiBudgetLedger;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AlertOutcomes;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.KnownCallers;
import com.ethiq.core.port.CallerReports;
import com.ethiq.core.port.ScamAnalyzer;
import com.ethiq.core.port.SpeechTranscriber;
import com.ethiq.core.port.TenantSecrets;
import com.ethiq.core.port.Tenants;
import com.ethiq.core.port.UsageLedger;
import com.ethiq.core.domain.TenantId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The implementations plugged into the core's ports, real or simulated, plus what the host needs around them (the
 * tenant roster for platform jobs, a source of tenant-change notices, the management side's stores from the same
 * store set, resources to close). One set per node: the call path and the management API share it. Built by
 * {@link VendorWiring#fromConfig} from the environment, or by hand when embedding or testing. Immutable once built;
 * the adapters themselves are thread-safe.
 */
public final class Adapters implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Adapters.class);

    /**
     * Tells subscribers when a tenant changed on any node ({@code changed}), or that changes may have been missed
     * ({@code resync}: drop every cached tenant). Subscribers must return quickly.
     */
    @FunctionalInterface
    public interface TenantChangeSource {
        void subscribe(Consumer<TenantId> changed, Runnable resync);

        TenantChangeSource NONE = (changed, resync) -> { };
    }

    /**
     * Carries small payloads (JSON text: ids and kinds, never content) to every node of the cluster, this one
     * included, e.g. the live call events the dashboards show. {@link #publish} must not block the caller.
     */
    public interface ClusterEvents {
        void publish(String payload);

        /** {@code onPayload} runs on the bus's thread: return quickly. */
        void subscribe(Consumer<String> onPayload);

        /** One node: nothing leaves it (its own observers already see its events). */
        ClusterEvents NONE = new ClusterEvents() {
            @Override
            public void publish(String payload) {
            }

            @Override
            public void subscribe(Consumer<String> onPayload) {
            }
        };
    }

    private final Tenants tenants;
    private final EmergencyContacts contacts;
    private final KnownCallers knownCallers;
    private final com.ethiq.core.port.AnnouncementStore announcements;
    private final com.ethiq.core.port.AccountTelephony accountTelephony;
    private final com.ethiq.core.port.FamilyLinkStore familyLinks;
    private final CallerReports callerReports;
    private final com.ethiq.core.port.InstitutionDirectories institutionDirectories;
    private final CallLogs callLogs;
    private final AlertOutbox alertOutbox;
    private final AlertOutcomes alertOutcomes;
    private final UsageLedger usage;
    private final AuditTrail audit;
    private final TenantSecrets secrets;
    private final CallControl callControl;
    private final SpeechTranscriber transcriber;
    private final ScamAnalyzer analyzer;
    private final TenantRoster roster;
    private final TranscriptPurge retention;
    private final com.ethiq.core.port.CallLeases callLeases;
    private final TenantChangeSource tenantChanges;
    private final AiBudgetLedger aiBudgetLedger;
    private final ClusterEvents clusterEvents;
    private final IdentityStores identity;
    private final Clock clock;
    private final Map<String, String> vendors;
    private final List<AutoCloseable> resources;

    private Adapters(Builder b) {
        this.tenants = Objects.requireNonNull(b.tenants, "'tenants' adapter is required");
        this.contacts = Objects.requireNonNull(b.contacts, "'emergencyContacts' adapter is required");
        this.knownCallers = b.knownCallers;
        // without a database: in memory (one node, nothing survives a restart), like every other store of that mode
        this.announcements = b.announcements != null ? b.announcements : new com.ethiq.core.fake.InMemoryAnnouncementStore();
        this.accountTelephony = b.accountTelephony();
        this.familyLinks = b.familyLinks;
        this.callerReports = b.callerReports;
        this.institutionDirectories = b.institutionDirectories;
        this.callLogs = Objects.requireNonNull(b.callLogs, "'callLogs' adapter is required");
        this.alertOutbox = Objects.requireNonNull(b.alertOutbox, "'alertOutbox' adapter is required");
        this.alertOutcomes = b.alertOutcomes;
        this.usage = Objects.requireNonNull(b.usage, "'usageLedger' adapter is required");
        this.audit = Objects.requireNonNull(b.audit, "'auditTrail' adapter is required");
        this.secrets = Objects.requireNonNull(b.secrets, "'tenantSecrets' adapter is required");
        this.callControl = Objects.requireNonNull(b.callControl, "'callControl' adapter is required");
        this.transcriber = Objects.requireNonNull(b.transcriber, "'speechTranscriber' adapter is required");
        this.analyzer = b.analyzer;
        this.roster = b.roster;
        this.retention = b.retention;
        this.callLeases = b.callLeases;
        this.tenantChanges = b.tenantChanges;
        this.aiBudgetLedger = b.aiBudgetLedger != null ? b.aiBudgetLedger : AiBudgetLedger.perNode();
        this.clusterEvents = b.clusterEvents;
        this.identity = b.identity;
        this.clock = b.clock;
        this.vendors = Map.copyOf(b.vendors);
        this.resources = List.copyOf(b.resources);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Tenants tenants() {
        return tenants;
    }

    public EmergencyContacts contacts() {
        return contacts;
    }

    /** The accounts' trusted and blocked callers; empty when the store set has none (only contacts are trusted). */
    public java.util.Optional<com.ethiq.core.port.FamilyLinkStore> familyLinks() {
        return java.util.Optional.ofNullable(familyLinks);
    }

    public java.util.Optional<KnownCallers> knownCallers() {
        return java.util.Optional.ofNullable(knownCallers);
    }

    /** Spoken warnings, stored for the provider to fetch by reference. */
    public com.ethiq.core.port.AnnouncementStore announcements() {
        return announcements;
    }

    /** Each account's telephony choices (who hears warnings, its SMS sender). */
    public com.ethiq.core.port.AccountTelephony accountTelephony() {
        return accountTelephony;
    }

    /** The shared caller reputation's store; empty when the store set has none. */
    /** The institution directory operators publish; empty: the bundled one, no operator route. */
    public java.util.Optional<com.ethiq.core.port.InstitutionDirectories> institutionDirectories() {
        return java.util.Optional.ofNullable(institutionDirectories);
    }

    public java.util.Optional<CallerReports> callerReports() {
        return java.util.Optional.ofNullable(callerReports);
    }

    public CallLogs callLogs() {
        return callLogs;
    }

    public AlertOutbox alertOutbox() {
        return alertOutbox;
    }

    /** A send's outcome as the store's own unit of work; empty: the core writes the outbox, ledger and trail in turn. */
    public java.util.Optional<AlertOutcomes> alertOutcomes() {
        return java.util.Optional.ofNullable(alertOutcomes);
    }

    public UsageLedger usage() {
        return usage;
    }

    public AuditTrail audit() {
        return audit;
    }

    public TenantSecrets secrets() {
        return secrets;
    }

    public CallControl callControl() {
        return callControl;
    }

    public SpeechTranscriber transcriber() {
        return transcriber;
    }

    /** Null when the rules decide alone. */
    public ScamAnalyzer analyzer() {
        return analyzer;
    }

    public TenantRoster roster() {
        return roster;
    }

    /** The store's own transcript purge (one statement for all tenants), or null to purge tenant by tenant over the roster. */
    public TranscriptPurge retention() {
        return retention;
    }

    /** Leases of live calls shared by the nodes of one store (PostgreSQL); empty for a node on its own. */
    public Optional<com.ethiq.core.port.CallLeases> callLeases() {
        return Optional.ofNullable(callLeases);
    }

    public TenantChangeSource tenantChanges() {
        return tenantChanges;
    }

    /** Where the tenants' daily AI budgets are counted: the store's (the whole cluster) or this node's memory. */
    public AiBudgetLedger aiBudgetLedger() {
        return aiBudgetLedger;
    }

    /** The bus of live events between nodes ({@link ClusterEvents#NONE} on one node). */
    public ClusterEvents clusterEvents() {
        return clusterEvents;
    }

    /**
     * The management side's stores, from the same store set as the ports above (absent when only the call path is
     * hosted).
     */
    public Optional<IdentityStores> identity() {
        return Optional.ofNullable(identity);
    }

    public Clock clock() {
        return clock;
    }

    /** Which implementation backs each vendor and store, e.g. {@code telephony=simulated}. */
    public Map<String, String> vendors() {
        return vendors;
    }

    /** Closes what the wiring opened (pools, clients), last opened first. */
    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** Collects the adapters; every port is required except the analyzer. */
    public static final class Builder {
        private Tenants tenants;
        private EmergencyContacts contacts;
        private CallLogs callLogs;
        private AlertOutbox alertOutbox;
        private AlertOutcomes alertOutcomes;
        private UsageLedger usage;
        private AuditTrail audit;
        private TenantSecrets secrets;
        private CallControl callControl;
        private SpeechTranscriber transcriber;
        private ScamAnalyzer analyzer;
        private KnownCallers knownCallers;
        private com.ethiq.core.port.AnnouncementStore announcements;
        private com.ethiq.core.port.AccountTelephony accountTelephony;
        private CallerReports callerReports;
        private com.ethiq.core.port.FamilyLinkStore familyLinks;
        private com.ethiq.core.port.InstitutionDirectories institutionDirectories;
        private TenantRoster roster = TenantRoster.NONE;
        private TranscriptPurge retention;
        private com.ethiq.core.port.CallLeases callLeases;
        private TenantChangeSource tenantChanges = TenantChangeSource.NONE;
        private AiBudgetLedger aiBudgetLedger;
        private com.ethiq.core.port.SpeechScripts speechScripts;
        private ClusterEvents clusterEvents = ClusterEvents.NONE;
        private IdentityStores identity;
        private Clock clock = Clock.systemUTC();
        private final Map<String, String> vendors = new LinkedHashMap<>();
        private final List<AutoCloseable> resources = new ArrayList<>();

        private Builder() {
        }

        public Builder tenants(Tenants v) { this.tenants = v; return this; }
        public Builder emergencyContacts(EmergencyContacts v) { this.contacts = v; return this; }
        public Builder knownCallers(KnownCallers v) { this.knownCallers = v; return this; }
        public Builder announcements(com.ethiq.core.port.AnnouncementStore v) { this.announcements = v; return this; }
        public Builder accountTelephony(com.ethiq.core.port.AccountTelephony v) { this.accountTelephony = v; return this; }

        /** The account telephony store given so far, or an in-memory one from now on (vendors built first need it). */
        com.ethiq.core.port.AccountTelephony accountTelephony() {
            if (accountTelephony == null) {
                accountTelephony = new com.ethiq.core.fake.InMemoryAccountTelephony();
            }
            return accountTelephony;
        }
        public Builder callerReports(CallerReports v) { this.callerReports = v; return this; }
        /** Optional: family links (alert SMS carry a link, relatives act on the call); without it the SMS is plain. */
        public Builder familyLinks(com.ethiq.core.port.FamilyLinkStore v) { this.familyLinks = v; return this; }
        public Builder institutionDirectories(com.ethiq.core.port.InstitutionDirectories v) { this.institutionDirectories = v; return this; }
        public Builder callLogs(CallLogs v) { this.callLogs = v; return this; }
        public Builder alertOutbox(AlertOutbox v) { this.alertOutbox = v; return this; }
        public Builder alertOutcomes(AlertOutcomes v) { this.alertOutcomes = v; return this; }
        public Builder usageLedger(UsageLedger v) { this.usage = v; return this; }
        public Builder auditTrail(AuditTrail v) { this.audit = v; return this; }
        public Builder tenantSecrets(TenantSecrets v) { this.secrets = v; return this; }
        public Builder callControl(CallControl v) { this.callControl = v; return this; }
        public Builder speechTranscriber(SpeechTranscriber v) { this.transcriber = v; return this; }
        public Builder scamAnalyzer(ScamAnalyzer v) { this.analyzer = v; return this; }
        public Builder roster(TenantRoster v) { this.roster = Objects.requireNonNull(v, "'roster' must not be null"); return this; }
        /** A store-specific transcript purge replacing the per-tenant one (e.g. one SQL statement for all tenants). */
        public Builder retention(TranscriptPurge v) { this.retention = v; return this; }
        /** Leases of live calls shared with the other nodes of the store: a dead node's calls are taken over. */
        public Builder callLeases(com.ethiq.core.port.CallLeases v) { this.callLeases = v; return this; }
        public Builder tenantChanges(TenantChangeSource v) { this.tenantChanges = Objects.requireNonNull(v, "'tenantChanges' must not be null"); return this; }
        /** Simulated speech only: the scripts of simulated calls, shared by the nodes of the store. */
        public Builder speechScripts(com.ethiq.core.port.SpeechScripts v) { this.speechScripts = Objects.requireNonNull(v, "'speechScripts' must not be null"); return this; }

        /** The scripts store given so far, or an in-memory one from now on (one node: the simulated recogniser needs one). */
        com.ethiq.core.port.SpeechScripts speechScripts() {
            if (speechScripts == null) {
                speechScripts = new com.ethiq.core.fake.InMemorySpeechScripts();
            }
            return speechScripts;
        }
        /** The tenants' daily AI budgets counted for the cluster (default: this node's memory). */
        public Builder aiBudgetLedger(AiBudgetLedger v) { this.aiBudgetLedger = Objects.requireNonNull(v, "'aiBudgetLedger' must not be null"); return this; }
        /** Live events between nodes (default: none, one node). */
        public Builder clusterEvents(ClusterEvents v) { this.clusterEvents = Objects.requireNonNull(v, "'clusterEvents' must not be null"); return this; }
        /** The management side's stores; build them over the same store as the ports (see {@link IdentityStores}). */
        public Builder identityStores(IdentityStores v) { this.identity = Objects.requireNonNull(v, "'identity' must not be null"); return this; }
        public Builder clock(Clock v) { this.clock = Objects.requireNonNull(v, "'clock' must not be null"); return this; }
        /** Records which implementation backs a vendor ({@code "telephony", "simulated"}), for the startup log. */
        public Builder vendor(String port, String implementation) { vendors.put(port, implementation); return this; }
        /** Something to close at shutdown (after the host stopped using the adapters). */
        public Builder closing(AutoCloseable resource) { resources.add(Objects.requireNonNull(resource, "'resource' must not be null")); return this; }

        public Adapters build() {
            return new Adapters(this);
        }
    }
}
