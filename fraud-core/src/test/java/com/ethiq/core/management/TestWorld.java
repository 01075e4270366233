package com.ethiq.core.management;

import com.ethiq.core.management.backoffice.AccountService;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.Credentials;
import com.ethiq.core.management.identity.LoginResult;
import com.ethiq.core.management.identity.Membership;
import com.ethiq.core.management.identity.RequestOrigin;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.management.identity.SessionTokens;
import com.ethiq.core.management.identity.TokenIssuer;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
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
import com.ethiq.core.fake.InMemoryTokenIssuer;
import com.ethiq.core.fake.InMemoryTwoFactorSecrets;
import com.ethiq.core.fake.InMemoryUsageLedger;
import com.ethiq.core.fake.InMemoryUsers;
import com.ethiq.core.fake.InsecureFastPasswordHasher;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.fake.ScriptedTotpCodes;
import java.util.concurrent.atomic.AtomicInteger;

/** The identity core on in-memory fakes with a hand-moved clock, plus helpers to get signed-in actors. */
public final class TestWorld {
    public final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
    public final InMemoryUsers users = new InMemoryUsers();
    public final InMemoryMemberships memberships = new InMemoryMemberships();
    public final InMemoryRefreshTokens refreshTokens = new InMemoryRefreshTokens();
    public final InMemoryTwoFactorSecrets twoFactor = new InMemoryTwoFactorSecrets();
    public final InMemoryInvitations invitations = new InMemoryInvitations();
    public final InMemoryAttemptCounters attempts = new InMemoryAttemptCounters();
    public final InsecureFastPasswordHasher hasher = new InsecureFastPasswordHasher();
    public final ScriptedTotpCodes totp = new ScriptedTotpCodes();
    public final InMemoryTokenIssuer tokens = new InMemoryTokenIssuer(clock);
    public final InMemoryTenants tenants = new InMemoryTenants();
    public final InMemoryNumberPool numbers = new InMemoryNumberPool(tenants);
    public final InMemoryEmergencyContacts contacts = new InMemoryEmergencyContacts();
    public final InMemoryTenantSecrets secrets = new InMemoryTenantSecrets(clock);
    public final InMemoryCallLogs callLogs = new InMemoryCallLogs();
    public final InMemoryAlertOutbox alerts = new InMemoryAlertOutbox();
    public final InMemoryUsageLedger usage = new InMemoryUsageLedger();
    public final InMemoryChainedAuditTrail audit = new InMemoryChainedAuditTrail();
    public final InMemoryTenantEraser eraser = new InMemoryTenantEraser(contacts, secrets, callLogs, tenants);
    public final ManagementCore core;
    private final AtomicInteger numberSeq = new AtomicInteger(100);

    public static final RequestOrigin ORIGIN = new RequestOrigin("198.51.100.1", "JUnit");
    public static final String PASSWORD = "correct horse battery staple";

    public TestWorld() {
        core = ManagementCore.builder().users(users).memberships(memberships).refreshTokens(refreshTokens)
                .twoFactorSecrets(twoFactor).invitations(invitations).attemptCounters(attempts).passwordHasher(hasher)
                .totpCodes(totp).tokenIssuer(tokens).tenants(tenants).emergencyContacts(contacts).tenantSecrets(secrets)
                .numberPool(numbers).tenantEraser(eraser).callLogs(callLogs).alertOutbox(alerts).usageLedger(usage)
                .auditTrail(audit).auditChain(audit).clock(clock).build();
    }

    public void addNumbers(String region, int count) {
        for (int i = 0; i < count; i++) {
            numbers.add(PhoneNumber.of("+3397" + String.format("%07d", numberSeq.incrementAndGet())), region);
        }
    }

    public String newEmail() {
        return "user" + numberSeq.incrementAndGet() + "@example.org";
    }

    /** Signs up and logs in; returns the actor the host would build from the access token. */
    public Actor signUpAndLogIn(String email) {
        core.auth().signUp(new Credentials.SignUp(email, PASSWORD, "Test"), ORIGIN);
        return actorOf(((LoginResult.SignedIn) core.auth().login(new Credentials.Login(email, PASSWORD), ORIGIN)).tokens());
    }

    public Actor actorOf(SessionTokens t) {
        return core.auth().authenticate(tokens.verifyAccess(t.access().value()).orElseThrow(), ORIGIN);
    }

    public Actor actorOf(TokenIssuer.IssuedToken access) {
        return core.auth().authenticate(tokens.verifyAccess(access.value()).orElseThrow(), ORIGIN);
    }

    public TenantId newAccount(Actor owner) {
        addNumbers("FR", 1);
        return core.accounts().create(owner, new AccountService.CreateAccount("Famille", "FR",
                "sip:home" + numberSeq.incrementAndGet() + "@example.sip.twilio.com", "fr")).tenant().id();
    }

    /** Adds a member with a role directly (bypassing invitations). */
    public Actor member(TenantId tenant, Role role) {
        Actor a = signUpAndLogIn(newEmail());
        memberships.add(new Membership(tenant, a.user(), role, clock.instant()));
        return a;
    }
}
