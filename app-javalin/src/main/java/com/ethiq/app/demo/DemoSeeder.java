package com.ethiq.app.demo;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.TenantSecrets;
import com.ethiq.core.port.Tenants;
import com.ethiq.core.management.identity.EmailAddress;
import com.ethiq.core.management.identity.Membership;
import com.ethiq.core.management.identity.Memberships;
import com.ethiq.core.management.identity.PasswordHasher;
import com.ethiq.core.management.identity.PasswordPolicy;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.management.identity.User;
import com.ethiq.core.management.identity.UserId;
import com.ethiq.core.management.identity.Users;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Seeds the demo account through the ordinary ports, once: a tenant on a fictional French number, two emergency
 * contacts, and fake Twilio credentials (a generated Account SID and auth token, stored encrypted like any tenant's) so
 * that simulated webhooks are signed and checked exactly like real ones. Run again on the same store it finds the
 * tenant by its number and returns it unchanged. Numbers are in ranges ARCEP reserves for fiction (01 99 00…, 06 39 98…),
 * so nothing could ever ring a real phone. Thread-safe (stateless).
 */
public final class DemoSeeder {
    /** Calls to this number reach the demo account. */
    public static final String DEMO_NUMBER = "+33199000001";
    /** The number simulated calls come from. */
    public static final String DEMO_CALLER = "+33199000123";
    public static final String DEMO_NAME = "Démo — Jeanne Dupont";
    /** The dashboard login of the demo account (example.org: a domain reserved for examples). */
    public static final String DEMO_EMAIL = "demo@ethiq.example.org";
    static final String SIP = "sip:jeanne@demo.ethiq.invalid";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Tenants tenants;
    private final EmergencyContacts contacts;
    private final TenantSecrets secrets;
    private final Clock clock;

    public DemoSeeder(Tenants tenants, EmergencyContacts contacts, TenantSecrets secrets, Clock clock) {
        this.tenants = Objects.requireNonNull(tenants, "'tenants' must not be null");
        this.contacts = Objects.requireNonNull(contacts, "'contacts' must not be null");
        this.secrets = Objects.requireNonNull(secrets, "'secrets' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    /** The demo tenant, created with its contacts and credentials if this store does not have it yet. */
    public DemoTenant seed() {
        PhoneNumber number = PhoneNumber.of(DEMO_NUMBER);
        Optional<Tenant> existing = tenants.findByCalledNumber(number);
        Tenant tenant;
        if (existing.isPresent()) {
            tenant = existing.get();
        } else {
            tenant = new Tenant(TenantId.random(), DEMO_NAME, AccountStatus.ACTIVE, number, new SipAddress(SIP),
                    TenantSettings.defaults(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
            tenants.create(tenant);
        }
        TelephonyCredentials credentials = secrets.telephony(tenant.id()).orElseGet(() -> {
            TelephonyCredentials fresh = new TelephonyCredentials("AC" + hex(16), Secret.of(hex(16)));
            secrets.storeTelephony(tenant.id(), fresh);
            return fresh;
        });
        if (contacts.list(tenant.id()).isEmpty()) {
            contacts.add(new EmergencyContact(UUID.randomUUID(), tenant.id(), "Marie Dupont", PhoneNumber.of("+33639980001"),
                    "fille", clock.instant()));
            contacts.add(new EmergencyContact(UUID.randomUUID(), tenant.id(), "Paul Dupont", PhoneNumber.of("+33639980002"),
                    "fils", clock.instant()));
        }
        return new DemoTenant(tenant.id(), tenant.displayName(), DEMO_NUMBER, credentials.accountSid(),
                credentials.authToken().reveal(), DEMO_CALLER, "", "");
    }

    /**
     * The demo login: a user who owns the demo account, with this password (created if absent; an existing user keeps
     * the password it was created with, which is why the embedded default stores it in its data folder). If that
     * existing user's password is not {@code password} (another node on the same database created it, with its own
     * data folder's password), the login is returned without a password: printing one that does not work misleads.
     */
    public DemoTenant seedLogin(DemoTenant demo, Users users, Memberships memberships, PasswordHasher hasher, String password) {
        EmailAddress email = EmailAddress.of(DEMO_EMAIL);
        User user = users.findByEmail(email).orElseGet(() -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            User fresh = User.signUp(new UserId(UUID.randomUUID()), email, "Marie Dupont (démo)",
                    hasher.hash(PasswordPolicy.validate(password, email)), now);
            users.create(fresh);
            return fresh;
        });
        if (memberships.find(demo.id(), user.id()).isEmpty()) {
            memberships.add(new Membership(demo.id(), user.id(), Role.OWNER, clock.instant()));
        }
        // a user created elsewhere (another node, another data folder) keeps its own password: do not claim ours
        return demo.withLogin(DEMO_EMAIL, hasher.verify(password, user.passwordHash()) ? password : "");
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
