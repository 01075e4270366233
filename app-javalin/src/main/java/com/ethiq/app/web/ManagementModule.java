package com.ethiq.app.web;

import com.ethiq.app.Adapters;
import com.ethiq.app.AppConfig;
import com.ethiq.app.CoreAssembly;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.IdentityStores;
import com.ethiq.app.api.ApiSettings;
import com.ethiq.app.api.ManagementApi;
import com.ethiq.app.security.Argon2idPasswordHasher;
import com.ethiq.app.security.JwtSettings;
import com.ethiq.app.security.Rfc6238TotpCodes;
import com.ethiq.app.security.TokenService;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.identity.AuthenticationFailedException;
import com.ethiq.core.management.identity.RequestOrigin;
import com.ethiq.core.management.ManagementCore;
import com.ethiq.core.management.backoffice.NumberQuota;
import com.ethiq.core.management.identity.IdentitySettings;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.backoffice.NumberProvisioner;
import com.ethiq.core.management.onboarding.CountryRulePool;
import com.ethiq.core.management.onboarding.NumberPoolOperations;
import com.ethiq.core.management.onboarding.PoolReassignment;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.app.onboarding.Onboarding;
import com.ethiq.core.management.identity.PasswordHasher;
import com.ethiq.core.management.identity.Permission;
import com.ethiq.core.management.identity.PermissionMatrix;
import com.ethiq.core.port.NumberPool;
import io.javalin.config.JavalinConfig;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Wires the management API (mgmt's {@link ManagementApi}) into the app beside the call path: the identity core over the
 * node's one store set ({@link Adapters}: the call path's tenant, contact, call, alert, usage, audit and secret stores
 * and, from the same store, the {@link IdentityStores}), the java-jwt
 * token service, Argon2id and TOTP, and, when number onboarding is on, its hooks (numbers made live on account
 * creation, webhooks reset on release), its jobs (started and stopped with the server) and the operators' pool
 * routes. Also answers the dashboard's question "which accounts may this access token watch live"
 * ({@link #viewers()}): the accounts where the user's role may read calls. Thread-safe.
 */
public final class ManagementModule implements EthiqApp.RouteModule {

    private final ManagementCore identity;
    private final TokenService tokens;
    private final ManagementApi api;
    private final IdentityStores stores;
    private final Optional<Onboarding> onboarding;
    private final NumberPoolOperations pool;
    private final java.util.function.Function<io.javalin.http.Context, String> clientIp;
    /** The core's family response, known once the app registers this module (the core is assembled after it). */
    private final java.util.concurrent.atomic.AtomicReference<Optional<com.ethiq.core.family.FamilyResponse>> family =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** Without number onboarding (the pool only) and the default identity settings. */
    public ManagementModule(Adapters adapters, JwtSettings jwt, PasswordHasher hasher, Clock clock, ApiSettings settings) {
        this(adapters, jwt, hasher, clock, settings, Optional.empty(), IdentitySettings.DEFAULT);
    }

    /**
     * With {@code onboarding}: account creation makes the assigned number live at Twilio (the account stays
     * PROVISIONING until it is), cancel and erasure reset the number's webhooks before its quarantine, the jobs run
     * between {@link #started()} and {@link #stopped()}, and the operator pool endpoints reach the provider.
     */
    public ManagementModule(Adapters adapters, JwtSettings jwt, PasswordHasher hasher, Clock clock, ApiSettings settings,
                            Optional<Onboarding> onboarding, IdentitySettings identitySettings) {
        this(adapters, jwt, hasher, clock, settings, onboarding, identitySettings, NumberQuota.DEFAULT);
    }

    /** Same, with the daily quota of accounts (pool numbers) per user and per client address. */
    public ManagementModule(Adapters adapters, JwtSettings jwt, PasswordHasher hasher, Clock clock, ApiSettings settings,
                            Optional<Onboarding> onboarding, IdentitySettings identitySettings, NumberQuota numberQuota) {
        this(adapters, jwt, hasher, clock, settings, onboarding, identitySettings, numberQuota, PoolReassignment.DEFAULT);
    }

    /**
     * Same, with the countries whose released numbers are retired instead of re-assigned (applied to the pool the
     * account API and the operator endpoints release through; {@code onboarding} brings its own, see {@link #forConfig}).
     */
    public ManagementModule(Adapters adapters, JwtSettings jwt, PasswordHasher hasher, Clock clock, ApiSettings settings,
                            Optional<Onboarding> onboarding, IdentitySettings identitySettings, NumberQuota numberQuota,
                            PoolReassignment reassignment) {
        Objects.requireNonNull(reassignment, "'reassignment' must not be null");
        Objects.requireNonNull(adapters, "'adapters' must not be null");
        this.stores = adapters.identity().orElseThrow(() -> new IllegalArgumentException("the management API needs the "
                + "identity stores of the node's store set: build the adapters with identityStores(...) (VendorWiring and "
                + "InMemoryStores do)"));
        this.onboarding = Objects.requireNonNull(onboarding, "'onboarding' must not be null");
        this.tokens = new TokenService(Objects.requireNonNull(jwt, "'jwt' must not be null"), clock);
        NumberPool accountPool = onboarding.map(o -> o.provisioning().resettingPool())
                .orElse(new CountryRulePool(stores.numberPool(), reassignment));
        NumberProvisioner provisioner = onboarding.<NumberProvisioner>map(Onboarding::provisioning).orElse(NumberProvisioner.NONE);
        this.identity = ManagementCore.builder()
                .users(stores.users()).memberships(stores.memberships()).refreshTokens(stores.refreshTokens())
                .twoFactorSecrets(stores.twoFactorSecrets()).invitations(stores.invitations()).attemptCounters(stores.attempts())
                .passwordHasher(hasher).totpCodes(new Rfc6238TotpCodes()).tokenIssuer(tokens)
                .tenants(adapters.tenants()).emergencyContacts(adapters.contacts()).knownCallers(adapters.knownCallers().orElse(null))
                .callerReports(adapters.callerReports().orElse(null)).tenantSecrets(adapters.secrets())
                .accountTelephony(adapters.accountTelephony())
                .institutionDirectories(adapters.institutionDirectories().orElse(null))
                .numberPool(accountPool).numberProvisioner(provisioner).tenantEraser(stores.eraser()).callLogs(adapters.callLogs())
                .alertOutbox(adapters.alertOutbox()).usageLedger(adapters.usage())
                .auditTrail(adapters.audit()).auditChain(stores.auditChain()).clock(clock)
                .settings(Objects.requireNonNull(identitySettings, "'identitySettings' must not be null"))
                .numberQuota(Objects.requireNonNull(numberQuota, "'numberQuota' must not be null")).build();
        this.pool = new NumberPoolOperations(new CountryRulePool(stores.numberPool(), reassignment), onboarding.map(Onboarding::provisioning),
                identity.accessPolicy(), new AuditRecorder(adapters.audit(), IdGenerator.random(), clock), clock);
        this.clientIp = settings.clientIp();
        this.api = ManagementApi.builder().identity(identity).tokens(tokens).clock(clock).settings(settings)
                .numberPool(pool).callActions(() -> java.util.Optional.ofNullable(family.get()).flatMap(f -> f)).build();
    }

    /**
     * The module as {@code ./ethiq serve} runs it: number onboarding from the configuration
     * ({@link Onboarding#fromConfig}: Twilio, simulated, or off) and the one quarantine setting
     * {@code ETHIQ_NUMBER_QUARANTINE} for cancel and erasure.
     */
    public static ManagementModule forConfig(AppConfig config, Adapters adapters, JwtSettings jwt, PasswordHasher hasher,
                                             Clock clock, ApiSettings settings) {
        IdentityStores stores = adapters.identity().orElseThrow(() -> new IllegalArgumentException(
                "the management API needs the identity stores of the node's store set"));
        PoolReassignment reassignment = config.onboarding().poolReassignment();
        Optional<Onboarding> onboarding = Onboarding.fromConfig(config, new CountryRulePool(stores.numberPool(), reassignment),
                adapters.tenants(),
                adapters.secrets(), adapters.audit(), clock);
        return new ManagementModule(adapters, jwt, hasher, clock, settings, onboarding,
                IdentitySettings.DEFAULT.withNumberQuarantine(config.onboarding().numberQuarantine()),
                config.onboarding().numberQuota(), reassignment);
    }

    /** Starts the onboarding jobs (provisioning retry, reconciliation), if onboarding is on. */
    @Override
    public void started() {
        onboarding.ifPresent(Onboarding::start);
    }

    @Override
    public void stopped() {
        onboarding.ifPresent(Onboarding::close);
    }

    public Optional<Onboarding> onboarding() {
        return onboarding;
    }

    /** The operator's pool use cases behind {@code /api/platform/numbers}. */
    public NumberPoolOperations numberPoolOperations() {
        return pool;
    }

    /** Argon2id sized for this machine (one hash in flight per core). */
    public static PasswordHasher defaultHasher() {
        return Argon2idPasswordHasher.forThisMachine();
    }

    @Override
    public void register(JavalinConfig config, CoreAssembly assembly) {
        family.set(assembly.core().family());
        // a member's false alarm counts in /metrics like a relative's (field precision per tenant and rule)
        identity.reputation().ifPresent(r -> r.observe(assembly.metrics().calls()));
        api.register(config);
        // the family link's evidence pack after the call: the link's own check, the pack from this module's core
        assembly.core().family().ifPresent(f -> new com.ethiq.app.family.FamilyEvidenceRoute(f, identity.evidence(),
                assembly.adapters().clock(), clientIp).register(config));
    }

    public ManagementCore identity() {
        return identity;
    }

    public IdentityStores stores() {
        return stores;
    }

    public ManagementApi api() {
        return api;
    }

    /** The token service the API issues and verifies access tokens with. */
    public TokenService tokens() {
        return tokens;
    }

    /**
     * Access token → its user and the accounts whose calls that user may read. Verified exactly as the API verifies a request
     * (signature, audience, expiry, user enabled, session still open, not issued before a password change).
     */
    public Viewers viewers() {
        RequestOrigin origin = new RequestOrigin("127.0.0.1", "dashboard-live");
        return token -> tokens.verifyAccess(token).flatMap(claims -> {
            try {
                identity.auth().authenticate(claims, origin);
            } catch (AuthenticationFailedException e) {
                return Optional.empty();
            }
            return Optional.of(new Viewers.Viewer(claims.user().toString(), stores.memberships().ofUser(claims.user()).stream()
                    .filter(m -> PermissionMatrix.allows(m.role(), Permission.CALLS_READ))
                    .map(m -> m.tenant())
                    .collect(Collectors.<TenantId>toUnmodifiableSet())));
        });
    }
}
