package com.ethiq.core.contract;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.identity.EmailAddress;
import com.ethiq.core.management.identity.User;
import com.ethiq.core.management.identity.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Unique values for identity contract tests, so the suites can run against a shared real database. */
public final class IdentityFixtures {
    private IdentityFixtures() {
    }

    /** A time with microsecond precision (what PostgreSQL keeps), fixed for reproducibility. */
    public static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");

    public static UserId userId() {
        return new UserId(UUID.randomUUID());
    }

    public static TenantId tenantId() {
        return new TenantId(UUID.randomUUID());
    }

    public static EmailAddress email() {
        return EmailAddress.of("u" + UUID.randomUUID().toString().substring(0, 12) + "@example.org");
    }

    public static User user(UserId id, EmailAddress email) {
        return new User(id, email, "Test user", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
                false, false, T0.truncatedTo(ChronoUnit.SECONDS), T0);
    }

    public static String hex64(String seed) {
        return com.ethiq.core.management.identity.SecureTokens.sha256Hex(seed + UUID.randomUUID());
    }
}
