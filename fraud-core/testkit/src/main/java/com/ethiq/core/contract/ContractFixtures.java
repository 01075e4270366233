package com.ethiq.core.contract;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique test values for the contract suites, so that every suite can run many times against one shared
 * database: numbers, call sids, SIP addresses and regions never repeat within a JVM. Thread-safe.
 */
public final class ContractFixtures {
    /** A fixed instant the suites build their timelines on (whole seconds: every store keeps them exactly). */
    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static final AtomicLong COUNTER = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 50_000_000));

    private ContractFixtures() {
    }

    /** A French mobile-looking E.164 number no other call of this JVM returns. */
    public static PhoneNumber phone() {
        return PhoneNumber.of(String.format("+337%08d", COUNTER.incrementAndGet() % 100_000_000L));
    }

    public static CallSid callSid() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return CallSid.of("CA" + HexFormat.of().formatHex(b));
    }

    public static SipAddress sip() {
        return SipAddress.of("sip:u" + COUNTER.incrementAndGet() + "x" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + "@home.sip.example.com");
    }

    public static String region() {
        return "T-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL) + COUNTER.incrementAndGet();
    }

    /** An active tenant with default settings, its own number and SIP address. */
    public static Tenant tenant(TenantId id) {
        return new Tenant(id, "Marie Martin", AccountStatus.ACTIVE, phone(), sip(), TenantSettings.defaults(), T0);
    }

    /** An active tenant still waiting for a number. */
    public static Tenant tenantWithoutNumber(TenantId id) {
        return new Tenant(id, "Jean Dupont", AccountStatus.PROVISIONING, null, sip(), TenantSettings.defaults(), T0);
    }
}
