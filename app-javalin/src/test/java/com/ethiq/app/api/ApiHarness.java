package com.ethiq.app.api;

import ch.qos.logback.classic.Level;
import com.ethiq.app.security.Argon2idPasswordHasher;
import com.ethiq.app.security.JwtSettings;
import com.ethiq.app.security.Rfc6238TotpCodes;
import com.ethiq.app.security.TokenService;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.fake.InMemoryAlertOutbox;
import com.ethiq.core.fake.InMemoryAttemptCounters;
import com.ethiq.core.fake.InMemoryCallLogs;
import com.ethiq.core.fake.InMemoryChainedAuditTrail;
import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryInvitations;
import com.ethiq.core.fake.InMemoryMemberships;
import com.ethiq.core.fake.InMemoryNumberPool;
import com.ethiq.core.fake.InMemoryRefreshTokens;
import com.ethiq.core.fake.InMemoryTenantEraser;
import com.ethiq.core.fake.InMemoryTenantSecrets;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.InMemoryTwoFactorSecrets;
import com.ethiq.core.fake.InMemoryUsageLedger;
import com.ethiq.core.fake.InMemoryUsers;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.fake.RecordingTelephonyNumbers;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.onboarding.NumberPoolOperations;
import com.ethiq.core.management.onboarding.NumberProvisioning;
import com.ethiq.core.management.onboarding.TelephonyNumbers;
import com.ethiq.core.port.IdGenerator;
import java.util.Optional;
import com.ethiq.core.management.identity.Credentials;
import com.ethiq.core.management.identity.EmailAddress;
import com.ethiq.core.management.ManagementCore;
import com.ethiq.core.management.identity.LoginResult;
import com.ethiq.core.management.identity.Membership;
import com.ethiq.core.management.identity.PasswordHasher;
import com.ethiq.core.management.identity.RequestOrigin;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.management.identity.SessionTokens;
import com.ethiq.core.management.identity.User;
import com.ethiq.core.management.identity.UserId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * The management API on Javalin (port 0) over the in-memory fakes, with the real security pieces (java-jwt,
 * Argon2id, RFC 6238 TOTP) and a hand-moved clock. Users are created with one precomputed Argon2id hash so tests
 * pay for one hash per login only.
 */
final class ApiHarness implements AutoCloseable {
    static final String PASSWORD = "correct horse battery staple";
    static final byte[] KEY = Base64.getDecoder().decode("q83vEjRWeJq8ZHhbfEe/8KJl8oKw3Tq1mNn4hY1kXx8=");
    static final Argon2idPasswordHasher ARGON2 = new Argon2idPasswordHasher(2, Duration.ofSeconds(30));
    private static volatile String argon2PasswordHash;
    private static final AtomicInteger SEQ = new AtomicInteger();
    static final RequestOrigin ORIGIN = new RequestOrigin("127.0.0.1", "JUnit");

    static {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.javalin")).setLevel(Level.WARN);
    }

    final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
    final InMemoryUsers users = new InMemoryUsers();
    final InMemoryMemberships memberships = new InMemoryMemberships();
    final InMemoryRefreshTokens refreshTokens = new InMemoryRefreshTokens();
    final InMemoryTwoFactorSecrets twoFactor = new InMemoryTwoFactorSecrets();
    final InMemoryInvitations invitations = new InMemoryInvitations();
    final InMemoryAttemptCounters attempts = new InMemoryAttemptCounters();
    final InMemoryTenants tenants = new InMemoryTenants();
    final InMemoryNumberPool numbers = new InMemoryNumberPool(tenants);
    final InMemoryEmergencyContacts contacts = new InMemoryEmergencyContacts();
    final com.ethiq.core.fake.InMemoryKnownCallers knownCallers = new com.ethiq.core.fake.InMemoryKnownCallers();
    final com.ethiq.core.fake.InMemoryCallerReports callerReports = new com.ethiq.core.fake.InMemoryCallerReports();
    final com.ethiq.core.fake.InMemoryAccountTelephony accountTelephony = new com.ethiq.core.fake.InMemoryAccountTelephony();
    final com.ethiq.core.fake.InMemoryInstitutionDirectories institutions = new com.ethiq.core.fake.InMemoryInstitutionDirectories();
    final InMemoryTenantSecrets secrets = new InMemoryTenantSecrets(clock);
    final InMemoryCallLogs callLogs = new InMemoryCallLogs();
    final InMemoryAlertOutbox alerts = new InMemoryAlertOutbox();
    final InMemoryUsageLedger usage = new InMemoryUsageLedger();
    final InMemoryChainedAuditTrail audit = new InMemoryChainedAuditTrail();
    final TokenService tokens = new TokenService(new JwtSettings("https://ethiq.test", "k1", Map.of("k1", KEY),
            Duration.ofMinutes(10), Duration.ofSeconds(30)), clock);
    final Rfc6238TotpCodes totp = new Rfc6238TotpCodes();
    final ManagementCore core;
    /** The operators' pool on an in-memory Twilio of the platform account {@link #PLATFORM}. */
    static final TelephonyCredentials PLATFORM = new TelephonyCredentials("AC" + "9".repeat(32), Secret.of("platform-token"));
    final RecordingTelephonyNumbers telephony = new RecordingTelephonyNumbers();
    final NumberPoolOperations pool;
    final ManagementApi api;
    final Javalin app;
    final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    final PasswordHasher hasher;
    private final String passwordHash;

    /** Real Argon2id, a generous request budget. */
    ApiHarness() {
        this(ApiSettings.DEFAULT.withAuthRequestsPerMinutePerIp(10_000), ARGON2);
    }

    /**
     * {@code hasher}: the real Argon2id, or the fast test hasher for suites about authorisation rather than hashing
     * (hundreds of logins at Argon2 cost would make them slow on a shared machine).
     */
    ApiHarness(ApiSettings settings, PasswordHasher hasher) {
        this.hasher = hasher;
        this.passwordHash = hasher == ARGON2 ? argon2Hash() : hasher.hash(PASSWORD);
        core = ManagementCore.builder().users(users).memberships(memberships).refreshTokens(refreshTokens)
                .twoFactorSecrets(twoFactor).invitations(invitations).attemptCounters(attempts).passwordHasher(hasher)
                .totpCodes(totp).tokenIssuer(tokens).tenants(tenants).emergencyContacts(contacts).knownCallers(knownCallers).callerReports(callerReports).institutionDirectories(institutions).tenantSecrets(secrets)
                .accountTelephony(accountTelephony)
                .numberPool(numbers).tenantEraser(new InMemoryTenantEraser(contacts, secrets, callLogs, tenants)).callLogs(callLogs)
                .numberQuota(new com.ethiq.core.management.backoffice.NumberQuota(1_000_000, 1_000_000, Duration.ofDays(1))) // suites about authorisation create hundreds
                .alertOutbox(alerts).usageLedger(usage).auditTrail(audit).auditChain(audit).clock(clock).build();
        NumberProvisioning provisioning = new NumberProvisioning(numbers, telephony, tenants, t -> PLATFORM, PLATFORM,
                TelephonyNumbers.Webhooks.at(URI.create("https://voice.ethiq.test"), "/twilio/voice", "/twilio/call-status", "/twilio/sms"),
                audit, IdGenerator.random(), clock, Duration.ofDays(90));
        pool = new NumberPoolOperations(numbers, Optional.of(provisioning), core.accessPolicy(),
                new AuditRecorder(audit, IdGenerator.random(), clock), clock);
        api = ManagementApi.builder().identity(core).tokens(tokens).clock(clock).settings(settings).numberPool(pool).build();
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            api.register(config);
        }).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    private static String argon2Hash() {
        if (argon2PasswordHash == null) {
            argon2PasswordHash = ARGON2.hash(PASSWORD);
        }
        return argon2PasswordHash;
    }

    static int nextSeq() {
        return SEQ.incrementAndGet();
    }

    /** A user stored directly (no sign-up round trip), password {@link #PASSWORD}. */
    User newUser(boolean operator) {
        int n = nextSeq();
        User u = new User(new UserId(UUID.randomUUID()), EmailAddress.of("user" + n + "@example.org"), "User " + n,
                passwordHash, operator, false, clock.instant().truncatedTo(ChronoUnit.SECONDS), clock.instant());
        users.create(u);
        return u;
    }

    SessionTokens login(User u) {
        LoginResult r = core.auth().login(new Credentials.Login(u.email().value(), PASSWORD), ORIGIN);
        return ((LoginResult.SignedIn) r).tokens();
    }

    /** An active account with its own number, created directly in the stores (no owned-accounts limit). */
    TenantId newTenant() {
        int n = nextSeq();
        TenantId id = TenantId.random();
        tenants.create(new Tenant(id, "Famille " + n, AccountStatus.ACTIVE, PhoneNumber.of("+3397" + String.format("%07d", n)),
                SipAddress.of("sip:home" + n + "@example.sip.twilio.com"), TenantSettings.defaults(), clock.instant()));
        return id;
    }

    void addMember(TenantId t, User u, Role role) {
        memberships.add(new Membership(t, u.id(), role, clock.instant()));
    }

    /** A new user made owner of the account and signed in: its access token. */
    String newOwnerToken(TenantId t) {
        User u = newUser(false);
        addMember(t, u, Role.OWNER);
        return login(u).access().value();
    }

    /** One HTTP exchange. {@code body} may be a JSON string, or null. */
    Response call(String method, String path, String bearer, String body) {
        return call(method, path, bearer, body, "application/json");
    }

    Response call(String method, String path, String bearer, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("User-Agent", "JUnit");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            b.header("Content-Type", contentType);
            b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    /** A response with a lazily parsed JSON body. */
    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    static String json(Object... keyValues) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
        }
        return node.toString();
    }

    @Override
    public void close() {
        app.stop();
    }
}
