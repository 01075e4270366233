package com.ethiq.app.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.AppConfig;
import com.ethiq.app.calls.CallPathHarness;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.fake.InMemoryAuditTrail;
import com.ethiq.core.fake.InMemoryNumberPool;
import com.ethiq.core.fake.InMemoryTenantSecrets;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.RecordingTelephonyNumbers;
import com.ethiq.core.fake.SequentialIdGenerator;
import com.ethiq.core.management.onboarding.NumberProvisioning;
import com.ethiq.core.management.onboarding.TelephonyNumbers;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduled jobs: an account left PROVISIONING goes live by itself; a tampered number is repaired. */
class OnboardingJobsTest {
    private static final TelephonyCredentials PLATFORM = new TelephonyCredentials("AC" + "c".repeat(32), Secret.of("t"));

    @Test
    void retryAndReconciliationJobsRunOnTheirOwn() throws Exception {
        Clock clock = Clock.systemUTC();
        InMemoryTenants tenants = new InMemoryTenants();
        InMemoryNumberPool pool = new InMemoryNumberPool(tenants);
        RecordingTelephonyNumbers twilio = new RecordingTelephonyNumbers();
        InMemoryAuditTrail audit = new InMemoryAuditTrail();
        TelephonyNumbers.Webhooks ours = TelephonyNumbers.Webhooks.at(URI.create("https://voice.example.com"), "/v", "/s", "/m");
        NumberProvisioning provisioning = new NumberProvisioning(pool, twilio, tenants, t -> PLATFORM, PLATFORM, ours, audit,
                new SequentialIdGenerator(), clock, Duration.ofDays(30));
        PhoneNumber a = PhoneNumber.of("+33970000001");
        PhoneNumber b = PhoneNumber.of("+33970000002");
        twilio.own(PLATFORM, a, null);
        twilio.own(PLATFORM, b, null);
        pool.add(a, "FR");
        pool.add(b, "FR");
        TenantId pending = tenant(tenants);
        TenantId live = tenant(tenants);
        pool.assign(pending, "FR", Instant.now());
        pool.assign(live, "FR", Instant.now());
        twilio.failNextConfigures(1);
        provisioning.retryPending(); // b... whichever comes first fails once, the other goes live
        tenants.updateStatus(pending, AccountStatus.PROVISIONING);
        tenants.updateStatus(live, AccountStatus.ACTIVE);
        twilio.tamper(PLATFORM, b, TelephonyNumbers.Webhooks.at(URI.create("https://elsewhere.example"), "/v", "/s", "/m"));

        try (Onboarding jobs = new Onboarding(provisioning, Duration.ofMillis(50), Duration.ofMillis(100))) {
            jobs.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline && !(tenants.findById(pending).orElseThrow().status() == AccountStatus.ACTIVE
                    && twilio.owned(PLATFORM).stream().allMatch(o -> ours.equals(o.webhooks())))) {
                Thread.sleep(20);
            }
        }
        assertThat(tenants.findById(pending).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(twilio.owned(PLATFORM)).allMatch(o -> ours.equals(o.webhooks()));
        assertThat(audit.all()).extracting(e -> e.action()).contains("account.activated", "pool.drift");
    }

    @Test
    void onboardingIsOffWithoutThePlatformAccount() {
        Map<String, String> env = new HashMap<>(CallPathHarness.baseEnv());
        env.put("ETHIQ_TELEPHONY", "twilio");
        InMemoryTenants tenants = new InMemoryTenants();
        assertThat(Onboarding.fromConfig(AppConfig.from(env), new InMemoryNumberPool(tenants), tenants,
                new InMemoryTenantSecrets(Clock.systemUTC()), new InMemoryAuditTrail(), Clock.systemUTC())).isEmpty();
        env.put("ETHIQ_TWILIO_PLATFORM_ACCOUNT_SID", PLATFORM.accountSid());
        env.put("ETHIQ_TWILIO_PLATFORM_AUTH_TOKEN", "platform-token");
        assertThat(Onboarding.fromConfig(AppConfig.from(env), new InMemoryNumberPool(tenants), tenants,
                new InMemoryTenantSecrets(Clock.systemUTC()), new InMemoryAuditTrail(), Clock.systemUTC()))
                .hasValueSatisfying(o -> assertThat(o.provisioning().quarantine()).isEqualTo(Duration.ofDays(90)));
    }

    private static TenantId tenant(InMemoryTenants tenants) {
        TenantId id = TenantId.random();
        tenants.create(new Tenant(id, "Mamie", AccountStatus.PROVISIONING, null,
                SipAddress.of("sip:" + id.value().toString().substring(0, 8) + "@home.sip.twilio.com"), TenantSettings.defaults(), Instant.now()));
        return id;
    }
}
