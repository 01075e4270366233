package com.ethiq.app.web;

import com.ethiq.adapter.supabase.ConnectionPools;
import com.ethiq.adapter.supabase.Keyring;
import com.ethiq.adapter.supabase.PoolSettings;
import com.ethiq.adapter.supabase.PooledDataSource;
import com.ethiq.adapter.supabase.SupabaseStore;
import com.ethiq.adapter.supabase.identity.IdentityStore;
import com.ethiq.app.Adapters;
import com.ethiq.app.AppConfig;
import com.ethiq.app.CoreAssembly;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.api.ApiSettings;
import com.ethiq.app.api.ManagementApi;
import com.ethiq.app.security.Argon2idPasswordHasher;
import com.ethiq.app.security.JwtSettings;
import com.ethiq.app.security.Rfc6238TotpCodes;
import com.ethiq.app.security.TokenService;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.fake.InMemoryAttemptCounters;
import com.ethiq.core.fake.InMemoryChainedAuditTrail;
import com.ethiq.core.fake.InMemoryInvitations;
import com.ethiq.core.fake.InMemoryMemberships;
import com.ethiq.core.fake.InMemoryNumberPool;
import com.ethiq.core.fake.InMemoryRefreshTokens;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.port.Tenants;
import com.ethiq.core.fake.InMemoryTwoFactorSecrets;
import com.ethiq.core.fake.InMemoryUsers;
import com.ethiq.core.management.identity.AttemptCounters;
import com.ethiq.core.management.backoffice.AuditChain;
import com.ethiq.core.management.identity.AuthenticationFailedException;
import com.ethiq.core.management.identity.RequestOrigin;
import com.ethiq.core.management.ManagementCore;
import com.ethiq.core.management.identity.IdentitySettings;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.backoffice.NumberProvisioner;
import com.ethiq.core.management.onboarding.NumberPoolOperations;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.app.onboarding.Onboarding;
import com.ethiq.core.management.identity.Invitations;
import com.ethiq.core.management.identity.Memberships;
import com.ethiq.core.management.identity.PasswordHasher;
import com.ethiq.core.management.identity.Permission;
import com.ethiq.core.management.identity.PermissionMatrix;
import com.ethiq.core.management.identity.RefreshTokens;
import com.ethiq.core.management.backoffice.TenantEraser;
import com.ethiq.core.management.identity.TwoFactorSecrets;
import com.ethiq.core.management.identity.Users;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.NumberPool;
import io.javalin.config.JavalinConfig;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Wires the management API (mgmt's {@link ManagementApi}) into the app beside the call path: the identity core over the
 * app's own tenant, contact, call, alert, usage and secret stores plus the identity stores given here, the java-jwt
 * token service, Argon2id and TOTP, and, when number onboarding is on, its hooks (numbers made live on account
 * creation, webhooks reset on release), its jobs (started and stopped with the server) and the operators' pool
 * routes. Also answers the dashboard's question "which accounts may this access token watch live"
 * ({@link #viewers()}): the accounts where the user's role may read calls. Thread-safe.
 */
public final class ManagementModule implements EthiqApp.RouteModule {

    /** The identity side's stores (users, sessions, 2FA, invitations, throttling, audit chain, numbers, erasure). */
    public record IdentityStores(Users users, Memberships memberships, RefreshTokens refreshTokens,
                                 TwoFactorSecrets twoFactorSecrets, Invitations invitations, AttemptCounters attempts,
                                 AuditTrail auditTrail, AuditChain auditChain, NumberPool numberPool, TenantEraser eraser,
                                 String kind, List<AutoCloseable> resources) implements AutoCloseable {
        public IdentityStores {
            Objects.requireNonNull(users, "'users' must not be null");
            Objects.requireNonNull(memberships, "'memberships' must not be null");
            Objects.requireNonNull(refreshTokens, "'refreshTokens' must not be null");
            Objects.requireNonNull(twoFactorSecrets, "'twoFactorSecrets' must not be null");
            Objects.requireNonNull(invitations, "'invitations' must not be null");
            Objects.requireNonNull(attempts, "'attempts' must not be null");
            Objects.requireNonNull(auditTrail, "'auditTrail' must not be null");
            Objects.requireNonNull(auditChain, "'auditChain' must not be null");
            Objects.requireNonNull(numberPool, "'numberPool' must not be null");
            Objects.requireNonNull(eraser, "'eraser' must not be null");
            Objects.requireNonNull(kind, "'kind' must not be null");
            resources = List.copyOf(resources);
        }

        /**
         * The identity tables in PostgreSQL (adapter-supabase's {@link IdentityStore}, migration V50+) over pools of
         * their own: logins, sessions and 2FA survive restarts and are shared by every node.
         */
        public static IdentityStores postgres(AppConfig config, Clock clock) {
            PooledDataSource app = ConnectionPools.create(PoolSettings.of(config.databaseUrl(), config.databaseUser(),
                    config.databasePassword()).withPoolName("ethiq-identity").withMaximumPoolSize(4)
                    .withTransactionPooler(config.databaseTransactionPooler()));
            try {
                PooledDataSource platform = ConnectionPools.create(PoolSettings.of(config.databaseUrl(),
                        config.databasePlatformUser(), config.databasePlatformPassword()).withPoolName("ethiq-identity-platform")
                        .withMaximumPoolSize(2).withTransactionPooler(config.databaseTransactionPooler()));
                SupabaseStore store = SupabaseStore.builder().appDataSource(app).platformDataSource(platform)
                        .keyring(Keyring.parse(config.secretKeys(), config.secretActiveKey())).clock(clock)
                        .numberQuarantine(config.numberQuarantine()).build();
                IdentityStore identity = new IdentityStore(store, app);
                return new IdentityStores(identity.users(), identity.memberships(), identity.refreshTokens(),
                        identity.twoFactorSecrets(), identity.invitations(), identity.attemptCounters(), store.auditTrail(),
                        identity.auditChain(), store.numberPool(), identity.tenantEraser(), "postgresql", List.of(platform, app));
            } catch (RuntimeException e) {
                app.close();
                throw e;
            }
        }

        /** PostgreSQL when the node has a database, else in memory. */
        public static IdentityStores forConfig(AppConfig config, Adapters adapters, Clock clock) {
            return config.databaseUrl() == null || config.databaseUrl().isEmpty() ? inMemory(adapters) : postgres(config, clock);
        }

        @Override
        public void close() {
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception e) {
                    // closing pools at shutdown: nothing useful to do with a failure
                }
            }
        }

        /**
         * In-memory identity stores (nothing survives a restart), for a node without a database and for tests. The
         * number pool starts empty: new accounts wait for a number.
         */
        /** The in-memory tenant store behind the adapters, so pool assignments land on the tenants the app serves. */
        private static InMemoryTenants inMemoryTenantsOf(Adapters adapters) {
            Tenants tenants = adapters.tenants();
            if (tenants instanceof com.ethiq.app.RosterTenants roster) {
                tenants = roster.delegate();
            }
            if (tenants instanceof InMemoryTenants memory) {
                return memory;
            }
            throw new IllegalArgumentException("in-memory identity stores need the in-memory tenant store, got "
                    + tenants.getClass().getSimpleName());
        }

        public static IdentityStores inMemory(Adapters adapters) {
            InMemoryChainedAuditTrail audit = new InMemoryChainedAuditTrail();
            return new IdentityStores(new InMemoryUsers(), new InMemoryMemberships(), new InMemoryRefreshTokens(),
                    new InMemoryTwoFactorSecrets(), new InMemoryInvitations(), new InMemoryAttemptCounters(), audit, audit,
                    new InMemoryNumberPool(inMemoryTenantsOf(adapters)),
                    new PortTenantEraser(adapters.contacts(), adapters.secrets(), adapters.callLogs()),
                    "in-memory", List.of());
        }
    }

    private final ManagementCore identity;
    private final TokenService tokens;
    private final ManagementApi api;
    private final IdentityStores stores;
    private final Optional<Onboarding> onboarding;
    private final NumberPoolOperations pool;

    /** Without number onboarding (the pool only) and the default identity settings. */
    public ManagementModule(Adapters adapters, IdentityStores stores, JwtSettings jwt, PasswordHasher hasher, Clock clock,
                            ApiSettings settings) {
        this(adapters, stores, jwt, hasher, clock, settings, Optional.empty(), IdentitySettings.DEFAULT);
    }

    /**
     * With {@code onboarding}: account creation makes the assigned number live at Twilio (the account stays
     * PROVISIONING until it is), cancel and erasure reset the number's webhooks before its quarantine, the jobs run
     * between {@link #started()} and {@link #stopped()}, and the operator pool endpoints reach the provider.
     */
    public ManagementModule(Adapters adapters, IdentityStores stores, JwtSettings jwt, PasswordHasher hasher, Clock clock,
                            ApiSettings settings, Optional<Onboarding> onboarding, IdentitySettings identitySettings) {
        Objects.requireNonNull(adapters, "'adapters' must not be null");
        this.stores = Objects.requireNonNull(stores, "'stores' must not be null");
        this.onboarding = Objects.requireNonNull(onboarding, "'onboarding' must not be null");
        this.tokens = new TokenService(Objects.requireNonNull(jwt, "'jwt' must not be null"), clock);
        NumberPool accountPool = onboarding.map(o -> o.provisioning().resettingPool()).orElse(stores.numberPool());
        NumberProvisioner provisioner = onboarding.<NumberProvisioner>map(Onboarding::provisioning).orElse(NumberProvisioner.NONE);
        this.identity = ManagementCore.builder()
                .users(stores.users()).memberships(stores.memberships()).refreshTokens(stores.refreshTokens())
                .twoFactorSecrets(stores.twoFactorSecrets()).invitations(stores.invitations()).attemptCounters(stores.attempts())
                .passwordHasher(hasher).totpCodes(new Rfc6238TotpCodes()).tokenIssuer(tokens)
                .tenants(adapters.tenants()).emergencyContacts(adapters.contacts()).tenantSecrets(adapters.secrets())
                .numberPool(accountPool).numberProvisioner(provisioner).tenantEraser(stores.eraser()).callLogs(adapters.callLogs())
                .alertOutbox(adapters.alertOutbox()).usageLedger(adapters.usage())
                .auditTrail(stores.auditTrail()).auditChain(stores.auditChain()).clock(clock)
                .settings(Objects.requireNonNull(identitySettings, "'identitySettings' must not be null")).build();
        this.pool = new NumberPoolOperations(stores.numberPool(), onboarding.map(Onboarding::provisioning),
                identity.accessPolicy(), new AuditRecorder(stores.auditTrail(), IdGenerator.random(), clock), clock);
        this.api = ManagementApi.builder().identity(identity).tokens(tokens).clock(clock).settings(settings)
                .numberPool(pool).build();
    }

    /**
     * The module as {@code ./ethiq serve} runs it: number onboarding from the configuration
     * ({@link Onboarding#fromConfig}: Twilio, simulated, or off) and the one quarantine setting
     * {@code ETHIQ_NUMBER_QUARANTINE} for cancel and erasure.
     */
    public static ManagementModule forConfig(AppConfig config, Adapters adapters, IdentityStores stores, JwtSettings jwt,
                                             PasswordHasher hasher, Clock clock, ApiSettings settings) {
        Optional<Onboarding> onboarding = Onboarding.fromConfig(config, stores.numberPool(), adapters.tenants(),
                adapters.secrets(), stores.auditTrail(), clock);
        return new ManagementModule(adapters, stores, jwt, hasher, clock, settings, onboarding,
                IdentitySettings.DEFAULT.withNumberQuarantine(config.numberQuarantine()));
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
        api.register(config);
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
