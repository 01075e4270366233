package com.ethiq.core.management;

import com.ethiq.core.management.backoffice.AccountService;
import com.ethiq.core.management.backoffice.AlertQueryService;
import com.ethiq.core.management.backoffice.AuditChain;
import com.ethiq.core.management.backoffice.AuditChainVerifier;
import com.ethiq.core.management.backoffice.AuditService;
import com.ethiq.core.management.backoffice.CallQueryService;
import com.ethiq.core.management.backoffice.ContactService;
import com.ethiq.core.management.backoffice.KnownCallerService;
import com.ethiq.core.management.backoffice.ReputationService;
import com.ethiq.core.management.backoffice.TelephonyPreferencesService;
import com.ethiq.core.port.AccountTelephony;
import com.ethiq.core.management.backoffice.CredentialService;
import com.ethiq.core.management.backoffice.MemberService;
import com.ethiq.core.management.backoffice.NumberProvisioner;
import com.ethiq.core.management.identity.ProfileService;
import com.ethiq.core.management.backoffice.SettingsService;
import com.ethiq.core.management.backoffice.TenantEraser;
import com.ethiq.core.management.backoffice.UsageService;
import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.AttemptCounters;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.AuthService;
import com.ethiq.core.management.identity.IdentitySettings;
import com.ethiq.core.management.identity.Invitations;
import com.ethiq.core.management.identity.Memberships;
import com.ethiq.core.management.identity.PasswordHasher;
import com.ethiq.core.management.identity.RefreshTokens;
import com.ethiq.core.management.identity.SecondFactorCheck;
import com.ethiq.core.management.identity.SessionIssuer;
import com.ethiq.core.management.identity.Throttle;
import com.ethiq.core.management.identity.TokenIssuer;
import com.ethiq.core.management.identity.TotpCodes;
import com.ethiq.core.management.identity.TwoFactorSecrets;
import com.ethiq.core.management.identity.TwoFactorService;
import com.ethiq.core.management.identity.Users;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.KnownCallers;
import com.ethiq.core.port.CallerReports;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.NumberPool;
import com.ethiq.core.port.TenantSecrets;
import com.ethiq.core.port.Tenants;
import com.ethiq.core.port.UsageLedger;
import java.time.Clock;
import java.util.Objects;

/**
 * Entry point of the management side of the core: give it the ports, get the identity and account use cases,
 * all sharing one {@link AccessPolicy}. Plain constructors underneath. Thread-safe once built.
 */
public final class ManagementCore {
    private final AccessPolicy accessPolicy;
    private final AuthService auth;
    private final ProfileService profile;
    private final TwoFactorService twoFactor;
    private final AccountService accounts;
    private final MemberService members;
    private final ContactService contacts;
    private final KnownCallerService knownCallers;
    private final ReputationService reputation;
    private final TelephonyPreferencesService telephony;
    private final com.ethiq.core.management.backoffice.InstitutionDirectoryService institutions;
    private final SettingsService settings;
    private final CredentialService credentials;
    private final CallQueryService calls;
    private final AlertQueryService alerts;
    private final UsageService usage;
    private final AuditService audit;
    private final AuditChainVerifier chainVerifier;
    private final com.ethiq.core.management.backoffice.evidence.EvidencePackService evidence;

    private ManagementCore(Builder b) {
        AuditRecorder recorder = new AuditRecorder(b.auditTrail, b.ids, b.clock);
        Throttle throttle = new Throttle(b.attempts, b.clock, b.settings.throttling());
        this.accessPolicy = new AccessPolicy(b.memberships, b.tenants, b.twoFactorSecrets, recorder, b.clock,
                b.settings.stepUpMaxAge());
        SessionIssuer sessions = new SessionIssuer(b.refreshTokens, b.tokenIssuer, b.ids, b.clock, b.settings);
        SecondFactorCheck second = new SecondFactorCheck(b.twoFactorSecrets, b.totp, throttle, recorder, b.clock);
        this.auth = new AuthService(b.users, b.refreshTokens, b.twoFactorSecrets, b.passwordHasher, b.tokenIssuer, second,
                sessions, throttle, recorder, b.ids, b.clock);
        this.profile = new ProfileService(b.users, b.memberships, b.refreshTokens, b.twoFactorSecrets, b.passwordHasher,
                accessPolicy, sessions, throttle, recorder, b.clock);
        this.twoFactor = new TwoFactorService(b.users, b.twoFactorSecrets, b.totp, b.refreshTokens, accessPolicy, sessions,
                throttle, recorder, b.clock, b.settings);
        this.accounts = new AccountService(b.tenants, b.memberships, b.invitations, b.numberPool, b.provisioner, b.eraser,
                accessPolicy, recorder, b.ids, b.clock, b.settings, b.attempts, b.numberQuota);
        this.members = new MemberService(b.memberships, b.invitations, b.users, accessPolicy, recorder, b.ids, b.clock, b.settings);
        this.contacts = new ContactService(b.contacts, accessPolicy, recorder, b.ids, b.clock, b.settings);
        this.knownCallers = b.knownCallers == null ? null : new KnownCallerService(b.knownCallers, accessPolicy, recorder, b.ids, b.clock);
        this.reputation = b.callerReports == null ? null : new ReputationService(b.callerReports, b.callLogs, accessPolicy, recorder, b.clock);
        this.institutions = b.institutionDirectories == null ? null : new com.ethiq.core.management.backoffice.InstitutionDirectoryService(
                b.institutionDirectories, com.ethiq.core.caller.InstitutionDirectory.bundled(), accessPolicy, recorder, b.clock);
        this.settings = new SettingsService(b.tenants, accessPolicy, recorder);
        this.telephony = b.accountTelephony == null ? null : new TelephonyPreferencesService(b.accountTelephony, accessPolicy, recorder);
        this.credentials = new CredentialService(b.tenantSecrets, accessPolicy, recorder);
        this.calls = new CallQueryService(b.callLogs, b.alertOutbox, accessPolicy, recorder);
        this.alerts = new AlertQueryService(b.alertOutbox, accessPolicy);
        this.usage = new UsageService(b.usageLedger, accessPolicy, recorder);
        this.audit = new AuditService(b.auditChain, accessPolicy, recorder);
        this.chainVerifier = new AuditChainVerifier(b.auditChain);
        this.evidence = new com.ethiq.core.management.backoffice.evidence.EvidencePackService(b.tenants, b.callLogs,
                b.alertOutbox, b.contacts, b.auditChain, accessPolicy, recorder, b.clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    public AccessPolicy accessPolicy() { return accessPolicy; }
    public AuthService auth() { return auth; }
    public ProfileService profile() { return profile; }
    public TwoFactorService twoFactor() { return twoFactor; }
    public AccountService accounts() { return accounts; }
    public MemberService members() { return members; }
    public ContactService contacts() { return contacts; }
    /** Trusted and blocked callers; empty when the builder was given no {@link KnownCallers} store. */
    public java.util.Optional<KnownCallerService> knownCallers() { return java.util.Optional.ofNullable(knownCallers); }
    /** The shared caller reputation (opt-in, false alarms); empty without a {@link CallerReports} store. */
    public java.util.Optional<ReputationService> reputation() { return java.util.Optional.ofNullable(reputation); }

    /** The operator's institution directory; empty without an {@code InstitutionDirectories} store. */
    public java.util.Optional<com.ethiq.core.management.backoffice.InstitutionDirectoryService> institutions() {
        return java.util.Optional.ofNullable(institutions);
    }
    public SettingsService settings() { return settings; }
    /** Who hears warnings, the account's SMS sender; empty without an {@link AccountTelephony} store. */
    public java.util.Optional<TelephonyPreferencesService> telephony() { return java.util.Optional.ofNullable(telephony); }
    public CredentialService credentials() { return credentials; }
    public CallQueryService calls() { return calls; }
    public AlertQueryService alerts() { return alerts; }
    public UsageService usage() { return usage; }
    public AuditService audit() { return audit; }
    /** For the command line: verifies a chain without an actor (the operator runs it on the server). */
    public AuditChainVerifier chainVerifier() { return chainVerifier; }

    /** The evidence pack of a scam call: for members (API) and for the family link after the call. */
    public com.ethiq.core.management.backoffice.evidence.EvidencePackService evidence() { return evidence; }

    /** Collects the ports; all are required except the number provisioner (no-op by default). */
    public static final class Builder {
        private Users users;
        private Memberships memberships;
        private RefreshTokens refreshTokens;
        private TwoFactorSecrets twoFactorSecrets;
        private Invitations invitations;
        private AttemptCounters attempts;
        private com.ethiq.core.management.backoffice.NumberQuota numberQuota = com.ethiq.core.management.backoffice.NumberQuota.DEFAULT;
        private PasswordHasher passwordHasher;
        private TotpCodes totp;
        private TokenIssuer tokenIssuer;
        private Tenants tenants;
        private EmergencyContacts contacts;
        private KnownCallers knownCallers;
        private CallerReports callerReports;
        private AccountTelephony accountTelephony;
        private TenantSecrets tenantSecrets;
        private NumberPool numberPool;
        private com.ethiq.core.port.InstitutionDirectories institutionDirectories;
        private NumberProvisioner provisioner = NumberProvisioner.NONE;
        private TenantEraser eraser;
        private CallLogs callLogs;
        private AlertOutbox alertOutbox;
        private UsageLedger usageLedger;
        private AuditTrail auditTrail;
        private AuditChain auditChain;
        private IdGenerator ids = IdGenerator.random();
        private Clock clock = Clock.systemUTC();
        private IdentitySettings settings = IdentitySettings.DEFAULT;

        private Builder() {
        }

        public Builder users(Users v) { this.users = v; return this; }
        public Builder memberships(Memberships v) { this.memberships = v; return this; }
        public Builder refreshTokens(RefreshTokens v) { this.refreshTokens = v; return this; }
        public Builder twoFactorSecrets(TwoFactorSecrets v) { this.twoFactorSecrets = v; return this; }
        public Builder invitations(Invitations v) { this.invitations = v; return this; }
        public Builder attemptCounters(AttemptCounters v) { this.attempts = v; return this; }
        /** Accounts (numbers) one user and one client address may create per window; default {@code NumberQuota.DEFAULT}. */
        public Builder numberQuota(com.ethiq.core.management.backoffice.NumberQuota v) { this.numberQuota = java.util.Objects.requireNonNull(v); return this; }
        public Builder passwordHasher(PasswordHasher v) { this.passwordHasher = v; return this; }
        public Builder totpCodes(TotpCodes v) { this.totp = v; return this; }
        public Builder tokenIssuer(TokenIssuer v) { this.tokenIssuer = v; return this; }
        public Builder tenants(Tenants v) { this.tenants = v; return this; }
        public Builder emergencyContacts(EmergencyContacts v) { this.contacts = v; return this; }
        /** Optional: the trusted and blocked callers (their API routes exist only with it). */
        public Builder knownCallers(KnownCallers v) { this.knownCallers = v; return this; }
        /** Optional: the shared caller reputation (its API routes exist only with it). */
        public Builder callerReports(CallerReports v) { this.callerReports = v; return this; }
        /** Optional: the institution directory as platform data (its operator routes exist only with it). */
        public Builder institutionDirectories(com.ethiq.core.port.InstitutionDirectories v) { this.institutionDirectories = v; return this; }
        public Builder tenantSecrets(TenantSecrets v) { this.tenantSecrets = v; return this; }
        /** Optional: each account's telephony choices (their API routes exist only with it). */
        public Builder accountTelephony(AccountTelephony v) { this.accountTelephony = v; return this; }
        public Builder numberPool(NumberPool v) { this.numberPool = v; return this; }
        public Builder numberProvisioner(NumberProvisioner v) { this.provisioner = v; return this; }
        public Builder tenantEraser(TenantEraser v) { this.eraser = v; return this; }
        public Builder callLogs(CallLogs v) { this.callLogs = v; return this; }
        public Builder alertOutbox(AlertOutbox v) { this.alertOutbox = v; return this; }
        public Builder usageLedger(UsageLedger v) { this.usageLedger = v; return this; }
        /** The write side of the audit trail. */
        public Builder auditTrail(AuditTrail v) { this.auditTrail = v; return this; }
        /** The read side of the same trail's hash chains (often the same object). */
        public Builder auditChain(AuditChain v) { this.auditChain = v; return this; }
        public Builder ids(IdGenerator v) { this.ids = v; return this; }
        public Builder clock(Clock v) { this.clock = v; return this; }
        public Builder settings(IdentitySettings v) { this.settings = v; return this; }

        public ManagementCore build() {
            Objects.requireNonNull(users, "'users' adapter is required");
            Objects.requireNonNull(memberships, "'memberships' adapter is required");
            Objects.requireNonNull(refreshTokens, "'refreshTokens' adapter is required");
            Objects.requireNonNull(twoFactorSecrets, "'twoFactorSecrets' adapter is required");
            Objects.requireNonNull(invitations, "'invitations' adapter is required");
            Objects.requireNonNull(attempts, "'attemptCounters' adapter is required");
            Objects.requireNonNull(passwordHasher, "'passwordHasher' is required");
            Objects.requireNonNull(totp, "'totpCodes' is required");
            Objects.requireNonNull(tokenIssuer, "'tokenIssuer' is required");
            Objects.requireNonNull(tenants, "'tenants' adapter is required");
            Objects.requireNonNull(contacts, "'emergencyContacts' adapter is required");
            Objects.requireNonNull(tenantSecrets, "'tenantSecrets' adapter is required");
            Objects.requireNonNull(numberPool, "'numberPool' adapter is required");
            Objects.requireNonNull(provisioner, "'numberProvisioner' must not be null");
            Objects.requireNonNull(eraser, "'tenantEraser' adapter is required");
            Objects.requireNonNull(callLogs, "'callLogs' adapter is required");
            Objects.requireNonNull(alertOutbox, "'alertOutbox' adapter is required");
            Objects.requireNonNull(usageLedger, "'usageLedger' adapter is required");
            Objects.requireNonNull(auditTrail, "'auditTrail' adapter is required");
            Objects.requireNonNull(auditChain, "'auditChain' adapter is required");
            Objects.requireNonNull(ids, "'ids' must not be null");
            Objects.requireNonNull(clock, "'clock' must not be null");
            Objects.requireNonNull(settings, "'settings' must not be null");
            return new ManagementCore(this);
        }
    }
}
