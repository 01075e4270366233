package com.ethiq.app.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.AppConfig;
import com.ethiq.app.calls.CallPathHarness;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.fake.InMemoryAuditTrail;
import com.ethiq.core.fake.InMemoryNumberPool;
import com.ethiq.core.fake.InMemoryTenantSecrets;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.management.onboarding.TelephonyNumbers;
import com.ethiq.core.port.TenantSecrets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which onboarding a configuration gets, the one quarantine setting, and the platform-account fallback. */
class OnboardingConfigTest {

    private static AppConfig config(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(CallPathHarness.baseEnv());
        env.putAll(extra);
        return AppConfig.from(env);
    }

    @Test
    void simulatedTelephonyGetsTheInMemoryProviderWithFictionalNumbersOnOffer() {
        AppConfig simulated = config(Map.of());
        InMemoryTenants tenants = new InMemoryTenants();
        InMemoryNumberPool pool = new InMemoryNumberPool(tenants);
        pool.add(PhoneNumber.of("+33199001003"), "FR"); // bought before a restart: still owned, no longer on offer
        Onboarding onboarding = Onboarding.fromConfig(simulated, pool, tenants, new InMemoryTenantSecrets(Clock.systemUTC()),
                new InMemoryAuditTrail(), Clock.systemUTC()).orElseThrow();
        assertThat(onboarding.provisioning().search("FR", null, 50)).extracting(TelephonyNumbers.Offered::number)
                .hasSize(9).doesNotContain(PhoneNumber.of("+33199001003"))
                .allSatisfy(n -> assertThat(n.e164()).startsWith("+3319900"));
        assertThat(onboarding.provisioning().reconcile("test", false)).isEmpty();
        TelephonyCredentials platform = Onboarding.platformAccount(simulated).orElseThrow();
        assertThat(platform.accountSid()).isEqualTo(Onboarding.SIMULATED_PLATFORM_SID);
        // derived from the media-token key: the same on every node of a deployment, unknown elsewhere
        assertThat(Onboarding.platformAccount(simulated).orElseThrow().authToken().reveal()).isEqualTo(platform.authToken().reveal());
        assertThat(Onboarding.platformAccount(config(Map.of("ETHIQ_MEDIA_TOKEN_SECRET", "another-media-token-secret-0123456789abc")))
                .orElseThrow().authToken().reveal()).isNotEqualTo(platform.authToken().reveal());
    }

    @Test
    void realTelephonyNeedsThePlatformAccount() {
        assertThat(Onboarding.platformAccount(config(Map.of("ETHIQ_TELEPHONY", "twilio")))).isEmpty();
        AppConfig real = config(Map.of("ETHIQ_TELEPHONY", "twilio", "ETHIQ_TWILIO_PLATFORM_ACCOUNT_SID", "AC" + "d".repeat(32),
                "ETHIQ_TWILIO_PLATFORM_AUTH_TOKEN", "tok"));
        assertThat(Onboarding.platformAccount(real)).hasValueSatisfying(p -> assertThat(p.accountSid()).isEqualTo("AC" + "d".repeat(32)));
    }

    @Test
    void oneQuarantineSettingDefaultsToNinetyDays() {
        assertThat(config(Map.of()).onboarding().numberQuarantine()).isEqualTo(Duration.ofDays(90));
        AppConfig week = config(Map.of("ETHIQ_NUMBER_QUARANTINE", "P7D"));
        InMemoryTenants tenants = new InMemoryTenants();
        assertThat(Onboarding.fromConfig(week, new InMemoryNumberPool(tenants), tenants, new InMemoryTenantSecrets(Clock.systemUTC()),
                new InMemoryAuditTrail(), Clock.systemUTC()).orElseThrow().provisioning().quarantine()).isEqualTo(Duration.ofDays(7));
        assertThat(com.ethiq.core.management.identity.IdentitySettings.DEFAULT.withNumberQuarantine(week.onboarding().numberQuarantine()).numberQuarantine())
                .isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aTenantWithoutItsOwnSubaccountUsesThePlatformAccountButDoesNotSeeItAsItsOwn() {
        InMemoryTenantSecrets store = new InMemoryTenantSecrets(Clock.systemUTC());
        TelephonyCredentials platform = new TelephonyCredentials("AC" + "e".repeat(32), Secret.of("platform"));
        TenantSecrets secrets = new PlatformAccountSecrets(store, platform);
        TenantId poolTenant = TenantId.random();
        TenantId ownAccount = TenantId.random();
        TelephonyCredentials own = new TelephonyCredentials("AC" + "f".repeat(32), Secret.of("own"));
        secrets.storeTelephony(ownAccount, own);
        assertThat(secrets.telephony(poolTenant)).contains(platform);
        assertThat(secrets.telephony(ownAccount)).contains(own);
        assertThat(secrets.status(poolTenant).getOrDefault(TenantSecrets.SecretKind.TELEPHONY_AUTH_TOKEN,
                new TenantSecrets.SecretStatus(false, null, null)).set()).isFalse();
        assertThat(secrets.aiApiKey(poolTenant)).isEmpty();
    }
}
