package com.ethiq.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi.FakeIncomingNumber;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi.RecordedRequest;
import com.ethiq.adapter.twilio.fake.FakeTwilioSettings;
import com.ethiq.core.contract.CallControlContract.TestTenantSecrets;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TelephonyPreferences;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.fake.InMemoryAuditTrail;
import com.ethiq.core.fake.InMemoryNumberPool;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.fake.SequentialIdGenerator;
import com.ethiq.core.management.onboarding.NumberProvisioning;
import com.ethiq.core.management.onboarding.NumberProvisioning.Drift;
import com.ethiq.core.management.onboarding.TelephonyNumbers;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The onboarding number lifecycle over HTTP against the local Twilio fake. */
class TwilioTelephonyNumbersTest {
    private static final TelephonyNumbers.Webhooks OURS = TelephonyNumbers.Webhooks.at(URI.create("https://voice.example.test"),
            "/twilio/voice", "/twilio/call-status", "/twilio/sms");

    private final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
    private final InMemoryTenants tenants = new InMemoryTenants();
    private final InMemoryNumberPool pool = new InMemoryNumberPool(tenants);
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private final Map<TenantId, TelephonyCredentials> subaccounts = new java.util.concurrent.ConcurrentHashMap<>();
    private FakeTwilioApi api;
    private TelephonyCredentials platform;
    private TwilioTelephonyNumbers numbers;
    private NumberProvisioning provisioning;

    @BeforeEach
    void start() {
        api = FakeTwilioApi.start();
        platform = TestTenantSecrets.randomCredentials();
        api.registerAccount(platform.accountSid(), platform.authToken().reveal());
        api.addAvailableNumber("FR", "+33184800001", "Ile-de-France", "Paris");
        api.addAvailableNumber("FR", "+33184800002", "Ile-de-France", "Paris");
        api.addAvailableNumber("FR", "+33484800003", "Provence-Alpes-Cote d'Azur", "Marseille");
        numbers = new TwilioTelephonyNumbers(FakeTwilioSettings.forFake(api), Clock.systemUTC(), null, null);
        provisioning = new NumberProvisioning(pool, numbers, tenants, t -> subaccounts.getOrDefault(t, platform), platform,
                OURS, audit, new SequentialIdGenerator(), clock, Duration.ofDays(30));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private TenantId tenant() {
        TenantId id = new TenantId(UUID.randomUUID());
        tenants.create(new Tenant(id, "Mamie", AccountStatus.PROVISIONING, null, SipAddress.of("sip:" + id.value() + "@example.sip.twilio.com"),
                TenantSettings.defaults(), clock.instant()));
        return id;
    }

    @Test
    void fillsThePoolFromTwilioSearchAndPurchase() {
        List<PhoneNumber> bought = provisioning.fill("operator:ops", "FR", "Ile-de-France", "FR", 5);
        assertThat(bought).containsExactly(PhoneNumber.of("+33184800001"), PhoneNumber.of("+33184800002"));
        assertThat(api.incomingNumbers(platform.accountSid())).extracting(FakeIncomingNumber::e164)
                .containsExactly("+33184800001", "+33184800002");
        assertThat(api.incomingNumbers(platform.accountSid())).allMatch(n -> n.voiceUrl().equals("https://voice.example.test/twilio/voice"));
        assertThat(pool.entries()).extracting(e -> e.number().e164()).containsExactly("+33184800001", "+33184800002");
        assertThat(api.requests()).allMatch(r -> platform.accountSid().equals(r.authUser()));
        RecordedRequest search = api.requests().get(0);
        assertThat(search.param("InRegion")).isEqualTo("Ile-de-France");
    }

    @Test
    void assignmentConfiguresTheWebhooksWithTheTenantsOwnCredentials() {
        TelephonyCredentials sub = TestTenantSecrets.randomCredentials();
        api.registerAccount(sub.accountSid(), sub.authToken().reveal());
        String sid = api.addIncomingNumber(sub.accountSid(), "+33184800077");
        pool.add(PhoneNumber.of("+33184800077"), "FR");
        TenantId t = tenant();
        subaccounts.put(t, sub);
        PhoneNumber n = pool.assign(t, "FR", clock.instant()).orElseThrow();

        provisioning.provision(t, n);

        FakeIncomingNumber stored = api.incomingNumbers(sub.accountSid()).get(0);
        assertThat(stored.sid()).isEqualTo(sid);
        assertThat(stored.voiceUrl()).isEqualTo("https://voice.example.test/twilio/voice");
        assertThat(stored.statusCallback()).isEqualTo("https://voice.example.test/twilio/call-status");
        assertThat(stored.smsUrl()).isEqualTo("https://voice.example.test/twilio/sms");
        RecordedRequest update = api.requests(r -> r.method().equals("POST") && r.path().endsWith(sid + ".json")).get(0);
        assertThat(update.authUser()).isEqualTo(sub.accountSid());
        assertThat(update.param("VoiceMethod")).isEqualTo("POST");
        assertThat(api.requests()).noneMatch(r -> platform.accountSid().equals(r.authUser()));
    }

    @Test
    void releaseResetsTheWebhooksAndQuarantinesTheNumber() {
        api.addIncomingNumber(platform.accountSid(), "+33184800010");
        pool.add(PhoneNumber.of("+33184800010"), "FR");
        TenantId t = tenant();
        PhoneNumber n = pool.assign(t, "FR", clock.instant()).orElseThrow();
        provisioning.provision(t, n);

        assertThat(provisioning.release(t, n)).isTrue();

        FakeIncomingNumber stored = api.incomingNumbers(platform.accountSid()).get(0);
        assertThat(stored.voiceUrl()).isEmpty();
        assertThat(stored.smsUrl()).isEmpty();
        assertThat(stored.statusCallback()).isEmpty();
        assertThat(pool.assign(tenant(), "FR", clock.instant().plus(Duration.ofDays(29)))).isEmpty();
        assertThat(pool.assign(tenant(), "FR", clock.instant().plus(Duration.ofDays(30)))).contains(n);
    }

    @Test
    void reconciliationDetectsANumberReconfiguredBehindOurBackAndRepairsIt() {
        String sid = api.addIncomingNumber(platform.accountSid(), "+33184800020");
        pool.add(PhoneNumber.of("+33184800020"), "FR");
        TenantId t = tenant();
        PhoneNumber n = pool.assign(t, "FR", clock.instant()).orElseThrow();
        provisioning.provision(t, n);
        // someone edits the number in the Twilio console
        numbers.configure(platform, sid, TelephonyNumbers.Webhooks.at(URI.create("https://elsewhere.example"), "/a", "/b", "/c"));

        List<Drift> drifts = provisioning.reconcile("system:reconcile", true);

        assertThat(drifts).containsExactly(new Drift(n, t, Drift.Kind.MISCONFIGURED, true));
        assertThat(api.incomingNumbers(platform.accountSid()).get(0).voiceUrl()).isEqualTo("https://voice.example.test/twilio/voice");
        assertThat(provisioning.reconcile("system:reconcile", true)).isEmpty();
    }

    private static final URI FALLBACK = URI.create("https://handler.twilio.com/twiml/EH0123456789abcdef0123456789abcdef");

    @Test
    void everyConfiguredNumberGetsTheFallbackAndNoApplicationOrTrunk() {
        TwilioTelephonyNumbers withFallback = new TwilioTelephonyNumbers(FakeTwilioSettings.forFake(api), Clock.systemUTC(), null, null,
                FALLBACK);
        String sid = api.addIncomingNumber(platform.accountSid(), "+33184800030");
        api.setNumberVoiceField(platform.accountSid(), "+33184800030", "TrunkSid", "TK0123456789abcdef0123456789abcdef");

        withFallback.configure(platform, sid, OURS);

        RecordedRequest update = api.requests(r -> r.method().equals("POST") && r.path().endsWith(sid + ".json")).get(0);
        assertThat(update.param("VoiceFallbackUrl")).isEqualTo(FALLBACK.toString());
        assertThat(update.param("VoiceFallbackMethod")).isEqualTo("POST");
        assertThat(update.param("VoiceApplicationSid")).isEmpty();
        assertThat(update.param("TrunkSid")).isEmpty();
        assertThat(api.numberVoiceField(platform.accountSid(), "+33184800030", "TrunkSid")).isNull();
        assertThat(api.numberVoiceField(platform.accountSid(), "+33184800030", "VoiceFallbackUrl")).isEqualTo(FALLBACK.toString());
        assertThat(withFallback.find(platform, PhoneNumber.of("+33184800030")).orElseThrow().webhooks()).isEqualTo(OURS);
    }

    @Test
    void aNumberBoughtForAnAccountCarriesItsOwnBundleAndAddressElseThePlatformsDefault() {
        String platformBundle = "BU" + "0".repeat(32);
        String platformAddress = "AD" + "0".repeat(32);
        String ownBundle = "BU0123456789abcdef0123456789abcdef";
        String ownAddress = "AD0123456789abcdef0123456789abcdef";
        TwilioTelephonyNumbers withDefault = new TwilioTelephonyNumbers(FakeTwilioSettings.forFake(api), Clock.systemUTC(),
                platformBundle, platformAddress);
        TelephonyPreferences own = TelephonyPreferences.DEFAULT.withCompliance(ownBundle, ownAddress);

        withDefault.buy(platform, PhoneNumber.of("+33184800001"), OURS, TelephonyNumbers.Compliance.of(own));
        withDefault.buy(platform, PhoneNumber.of("+33184800002"), OURS, TelephonyNumbers.Compliance.PLATFORM_DEFAULT);

        // what Twilio received as BundleSid / AddressSid on each IncomingPhoneNumbers purchase
        assertThat(api.incomingNumbers(platform.accountSid())).extracting(FakeTwilioApi.FakeIncomingNumber::e164,
                        FakeTwilioApi.FakeIncomingNumber::bundleSid, FakeTwilioApi.FakeIncomingNumber::addressSid)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("+33184800001", ownBundle, ownAddress),
                        org.assertj.core.groups.Tuple.tuple("+33184800002", platformBundle, platformAddress));
    }

    @Test
    void aFallbackUrlNamingTheNumberIsSetPerNumberAndKeptByReconciliation() {
        URI template = FallbackTwiml.template("https://cdn.example.net/ethiq/{number}.xml");
        numbers = new TwilioTelephonyNumbers(FakeTwilioSettings.forFake(api), Clock.systemUTC(), null, null, template);
        provisioning = new NumberProvisioning(pool, numbers, tenants, t -> subaccounts.getOrDefault(t, platform), platform,
                OURS, audit, new SequentialIdGenerator(), clock, Duration.ofDays(30));
        numbers.buy(platform, PhoneNumber.of("+33184800001"), OURS);
        assertThat(api.numberVoiceField(platform.accountSid(), "+33184800001", "VoiceFallbackUrl"))
                .isEqualTo("https://cdn.example.net/ethiq/33184800001.xml");

        api.addIncomingNumber(platform.accountSid(), "+33184800041");
        pool.add(PhoneNumber.of("+33184800041"), "FR-fallback");
        TenantId t = tenant();
        PhoneNumber n = pool.assign(t, "FR-fallback", clock.instant()).orElseThrow();
        provisioning.provision(t, n);
        assertThat(api.numberVoiceField(platform.accountSid(), n.e164(), "VoiceFallbackUrl"))
                .isEqualTo("https://cdn.example.net/ethiq/33184800041.xml");
        // the per-number fallback counts as ours: no drift for the assigned number
        assertThat(provisioning.reconcile("system:reconcile", false)).noneSatisfy(d -> assertThat(d.number()).isEqualTo(n));
    }

    @Test
    void aBoughtNumberCarriesTheFallback() {
        TwilioTelephonyNumbers withFallback = new TwilioTelephonyNumbers(FakeTwilioSettings.forFake(api), Clock.systemUTC(), null, null,
                FALLBACK);
        withFallback.buy(platform, PhoneNumber.of("+33184800001"), OURS);
        assertThat(api.numberVoiceField(platform.accountSid(), "+33184800001", "VoiceFallbackUrl")).isEqualTo(FALLBACK.toString());
    }

    @Test
    void reconciliationRepairsAMissingFallbackAndATrunkOrApplicationAddedBehindOurBack() {
        numbers = new TwilioTelephonyNumbers(FakeTwilioSettings.forFake(api), Clock.systemUTC(), null, null, FALLBACK);
        provisioning = new NumberProvisioning(pool, numbers, tenants, t -> subaccounts.getOrDefault(t, platform), platform,
                OURS, audit, new SequentialIdGenerator(), clock, Duration.ofDays(30));
        api.addIncomingNumber(platform.accountSid(), "+33184800040");
        pool.add(PhoneNumber.of("+33184800040"), "FR");
        TenantId t = tenant();
        PhoneNumber n = pool.assign(t, "FR", clock.instant()).orElseThrow();
        provisioning.provision(t, n);
        assertThat(provisioning.reconcile("system:reconcile", false)).isEmpty();

        api.setNumberVoiceField(platform.accountSid(), n.e164(), "VoiceApplicationSid", "AP0123456789abcdef0123456789abcdef");
        assertThat(provisioning.reconcile("system:reconcile", true)).containsExactly(new Drift(n, t, Drift.Kind.MISCONFIGURED, true));
        assertThat(api.numberVoiceField(platform.accountSid(), n.e164(), "VoiceApplicationSid")).isNull();

        api.setNumberVoiceField(platform.accountSid(), n.e164(), "VoiceFallbackUrl", "");
        assertThat(provisioning.reconcile("system:reconcile", true)).containsExactly(new Drift(n, t, Drift.Kind.MISCONFIGURED, true));
        assertThat(api.numberVoiceField(platform.accountSid(), n.e164(), "VoiceFallbackUrl")).isEqualTo(FALLBACK.toString());
        assertThat(provisioning.reconcile("system:reconcile", true)).isEmpty();
    }

    @Test
    void voiceOnlyFrenchNumbersAreOfferedToThePool() {
        api.addVoiceOnlyAvailableNumber("FR", "+33184800050", "Ile-de-France", "Paris");
        assertThat(numbers.search(platform, "FR", "Ile-de-France", 10)).extracting(TelephonyNumbers.Offered::number)
                .contains(PhoneNumber.of("+33184800050"));
    }
}
