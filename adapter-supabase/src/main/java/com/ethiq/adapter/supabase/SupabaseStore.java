package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AlertOutcomes;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.CallerReports;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.KnownCallers;
import com.ethiq.core.port.NumberPool;
import com.ethiq.core.port.Tenants;
import com.ethiq.core.port.UsageLedger;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The persistence adapter's entry point: every persistence port of the core on PostgreSQL (plain or Supabase),
 * plus the platform jobs (retention, erasure, key re-wrap) and the secret cipher. Built from two data sources,
 * the app role's (tenant traffic under row-level security) and the platform role's (cross-tenant jobs), both
 * checked at build time to be roles RLS actually binds. Owns nothing it was given: close the pools yourself.
 * Thread-safe.
 */
public final class SupabaseStore {
    private final TenantTransactions transactions;
    private final SecretCipher cipher;
    private final JdbiTenants tenants;
    private final JdbiEmergencyContacts contacts;
    private final JdbiKnownCallers knownCallers;
    private final JdbiAnnouncementStore announcements;
    private final JdbiAccountTelephony accountTelephony;
    private final JdbiCallerReports callerReports;
    private final JdbiFamilyLinks familyLinks;
    private final JdbiInstitutionDirectories institutionDirectories;
    private final JdbiCallLogs callLogs;
    private final JdbiCallLeases callLeases;
    private final JdbiAlertOutbox alerts;
    private final JdbiAlertOutcomes alertOutcomes;
    private final JdbiUsageLedger usage;
    private final JdbiAuditTrail audit;
    private final JdbiTenantSecrets secrets;
    private final JdbiNumberPool numbers;
    private final JdbiTranscriptPurge transcriptPurge;
    private final AccountEraser eraser;
    private final JdbiAiBudgetLedger aiBudget;
    private final JdbiSpeechScripts speechScripts;
    private final Notifications notifications;

    private SupabaseStore(Builder b) {
        Jdbi app = jdbi(b.appDataSource);
        Jdbi platform = jdbi(b.platformDataSource);
        this.transactions = new TenantTransactions(app, platform, b.contextKeys());
        this.cipher = new SecretCipher(b.keyring);
        this.tenants = new JdbiTenants(transactions, b.ids, b.clock);
        this.contacts = new JdbiEmergencyContacts(transactions);
        this.knownCallers = new JdbiKnownCallers(transactions);
        this.announcements = new JdbiAnnouncementStore(transactions);
        this.accountTelephony = new JdbiAccountTelephony(transactions);
        this.callerReports = new JdbiCallerReports(transactions);
        this.familyLinks = new JdbiFamilyLinks(transactions);
        this.institutionDirectories = new JdbiInstitutionDirectories(transactions);
        this.callLogs = new JdbiCallLogs(transactions);
        this.callLeases = new JdbiCallLeases(transactions);
        this.alerts = new JdbiAlertOutbox(transactions);
        this.alertOutcomes = new JdbiAlertOutcomes(transactions);
        this.usage = new JdbiUsageLedger(transactions);
        this.audit = new JdbiAuditTrail(transactions);
        this.secrets = new JdbiTenantSecrets(transactions, cipher, b.clock, b.ids);
        this.numbers = new JdbiNumberPool(transactions, b.ids, b.clock);
        this.transcriptPurge = new JdbiTranscriptPurge(transactions);
        this.eraser = new AccountEraser(transactions, b.clock, b.ids, b.numberQuarantine, b.poolReassignment);
        this.aiBudget = new JdbiAiBudgetLedger(transactions);
        this.speechScripts = new JdbiSpeechScripts(transactions);
        this.notifications = new Notifications(app);
    }

    /**
     * A Jdbi on PostgreSQL whose exception messages name the statement but never its bound values: the default
     * rendering prints every argument (e-mails, password hashes, phone numbers), and messages end up in logs.
     */
    public static Jdbi jdbi(DataSource ds) {
        Jdbi jdbi = Jdbi.create(ds).installPlugin(new PostgresPlugin());
        // the statement text only (Jdbi's SHORT_STATEMENT and PARAMETERS renderings both append the arguments)
        jdbi.getConfig(org.jdbi.v3.core.statement.StatementExceptions.class).setMessageRendering(e -> {
            var ctx = e.getStatementContext();
            String sql = ctx == null || ctx.getRawSql() == null ? "" : ctx.getRawSql();
            return "[statement:\"" + (sql.length() > 200 ? sql.substring(0, 200) + "…" : sql) + "\"]";
        });
        return jdbi;
    }

    /** Fails fast when the database does not hold the key our tenant tokens are signed with (see {@link ContextKeys#install}). */
    private void checkContextKey() {
        TenantId probe = TenantId.random();
        TenantId seen = transactions.inTenant(probe, h -> h.createQuery("select ethiq.current_account_id()")
                .mapTo(java.util.UUID.class).findOne().map(TenantId::new).orElse(null));
        if (!probe.equals(seen)) {
            throw new IllegalStateException("the database does not accept this node's context key '"
                    + transactions.contextKeys().activeKeyId() + "': install it with ContextKeys.install (as the migrating login)"
                    + " after migrating, see docs/supabase.md");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Tenants tenants() {
        return tenants;
    }

    public EmergencyContacts emergencyContacts() {
        return contacts;
    }

    public KnownCallers knownCallers() {
        return knownCallers;
    }

    /** Spoken warnings fetched by reference (V84). */
    public com.ethiq.core.port.AnnouncementStore announcements() {
        return announcements;
    }

    /** Each account's telephony choices (V85). */
    public com.ethiq.core.port.AccountTelephony accountTelephony() {
        return accountTelephony;
    }

    /** Family links (found by token hash as the platform role) and the actions done on calls (the tenant's own). */
    public com.ethiq.core.port.FamilyLinkStore familyLinks() {
        return familyLinks;
    }

    /** The shared caller reputation (fingerprints only; the cross-account count runs as the platform role). */
    public CallerReports callerReports() {
        return callerReports;
    }

    /** The institution directory operators publish (platform data, platform role). */
    public com.ethiq.core.port.InstitutionDirectories institutionDirectories() {
        return institutionDirectories;
    }

    public CallLogs callLogs() {
        return callLogs;
    }

    /** Leases of live calls (which node streams each), for the core's stream recovery; platform role. */
    public JdbiCallLeases callLeases() {
        return callLeases;
    }

    public AlertOutbox alertOutbox() {
        return alerts;
    }

    /** A send's outcome (mark, usage, audit) in one transaction, a batch of them in one commit. */
    public AlertOutcomes alertOutcomes() {
        return alertOutcomes;
    }

    public UsageLedger usageLedger() {
        return usage;
    }

    public AuditTrail auditTrail() {
        return audit;
    }

    /** The tenant secrets port; {@link JdbiTenantSecrets#rewrapAll()} is the key-rotation job. */
    public JdbiTenantSecrets tenantSecrets() {
        return secrets;
    }

    public NumberPool numberPool() {
        return numbers;
    }

    public JdbiTranscriptPurge transcriptPurge() {
        return transcriptPurge;
    }

    /** What simulated calls will "say" and which lines were heard, for every node (V98; simulated speech only). */
    public JdbiSpeechScripts speechScripts() {
        return speechScripts;
    }

    /** The tenants' daily AI budgets counted for the whole cluster (V88). */
    public JdbiAiBudgetLedger aiBudgetLedger() {
        return aiBudget;
    }

    /** {@code NOTIFY} on a channel every node's {@link TenantChangeListener} can listen to (e.g. live call events). */
    public Notifications notifications() {
        return notifications;
    }

    public AccountEraser accountEraser() {
        return eraser;
    }

    /** For other secret columns (e.g. TOTP seeds): same keyring, same format. */
    public SecretCipher secretCipher() {
        return cipher;
    }

    /** For repositories added to this adapter: the one way to open tenant and platform units of work. */
    public TenantTransactions transactions() {
        return transactions;
    }

    /** Collects the store's dependencies. Not thread-safe; {@link #build()} once. */
    public static final class Builder {
        private DataSource appDataSource;
        private DataSource platformDataSource;
        private Keyring keyring;
        private ContextKeys contextKeys;
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids = IdGenerator.random();
        private Duration numberQuarantine = com.ethiq.core.port.NumberPool.DEFAULT_QUARANTINE;
        private com.ethiq.core.management.onboarding.PoolReassignment poolReassignment =
                com.ethiq.core.management.onboarding.PoolReassignment.DEFAULT;
        private boolean verifyRoles = true;

        private Builder() {
        }

        /** Pool of the app role: no superuser, no BYPASSRLS, owns nothing (checked by {@link #build()}). */
        public Builder appDataSource(DataSource value) {
            this.appDataSource = Objects.requireNonNull(value, "'appDataSource' must not be null");
            return this;
        }

        /** Pool of the platform role (same requirements, its own policies). */
        public Builder platformDataSource(DataSource value) {
            this.platformDataSource = Objects.requireNonNull(value, "'platformDataSource' must not be null");
            return this;
        }

        public Builder keyring(Keyring value) {
            this.keyring = Objects.requireNonNull(value, "'keyring' must not be null");
            return this;
        }

        /** The keys that sign the database context (default: derived from the keyring, see {@link ContextKeys#derive}). */
        public Builder contextKeys(ContextKeys value) {
            this.contextKeys = Objects.requireNonNull(value, "'contextKeys' must not be null");
            return this;
        }

        private ContextKeys contextKeys() {
            return contextKeys != null ? contextKeys : ContextKeys.derive(keyring);
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "'clock' must not be null");
            return this;
        }

        public Builder idGenerator(IdGenerator value) {
            this.ids = Objects.requireNonNull(value, "'idGenerator' must not be null");
            return this;
        }

        /** How long an erased account's number rests before another tenant may get it (default 90 days). */
        /** The countries whose numbers the erasure retires instead of quarantining (default: France). */
        public Builder poolReassignment(com.ethiq.core.management.onboarding.PoolReassignment value) {
            this.poolReassignment = Objects.requireNonNull(value, "'poolReassignment' must not be null");
            return this;
        }

        public Builder numberQuarantine(Duration value) {
            Objects.requireNonNull(value, "'numberQuarantine' must not be null");
            if (value.isNegative()) {
                throw new IllegalArgumentException("'numberQuarantine' must not be negative, got " + value);
            }
            this.numberQuarantine = value;
            return this;
        }

        /** Skips the start-up role check. Only for tests that prove the check itself. */
        Builder skipRoleVerification() {
            this.verifyRoles = false;
            return this;
        }

        /** Checks both roles (see {@link RoleSafetyCheck}) and builds the store. */
        public SupabaseStore build() {
            Objects.requireNonNull(appDataSource, "'appDataSource' must be set");
            Objects.requireNonNull(platformDataSource, "'platformDataSource' must be set");
            Objects.requireNonNull(keyring, "'keyring' must be set");
            if (verifyRoles) {
                String app = RoleSafetyCheck.verify(appDataSource, "the app data source");
                String platform = RoleSafetyCheck.verify(platformDataSource, "the platform data source");
                if (app.equals(platform)) {
                    throw new IllegalStateException("the app and platform data sources both connect as '" + app
                            + "': tenant traffic and platform jobs need two roles with their own policies");
                }
            }
            SupabaseStore store = new SupabaseStore(this);
            store.checkContextKey();
            return store;
        }
    }
}
