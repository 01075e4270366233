package com.ethiq.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.adapter.twilio.TwilioNumberManagement.AvailableNumber;
import com.ethiq.adapter.twilio.TwilioNumberManagement.OwnedNumber;
import com.ethiq.adapter.twilio.TwilioNumberManagement.Webhooks;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi.FakeIncomingNumber;
import com.ethiq.adapter.twilio.fake.FakeTwilioSettings;
import com.ethiq.adapter.twilio.fake.Fault;
import com.ethiq.core.contract.CallControlContract.TestTenantSecrets;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.port.CallControl.CallControlException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioNumberManagementTest {
    private static final Webhooks HOOKS = new Webhooks(URI.create("https://voice.example.test/twilio/voice"),
            URI.create("https://voice.example.test/twilio/call-status"), URI.create("https://voice.example.test/twilio/sms"));

    private FakeTwilioApi api;
    private TelephonyCredentials pool;
    private TwilioNumberManagement numbers;

    @BeforeEach
    void start() {
        api = FakeTwilioApi.start();
        pool = TestTenantSecrets.randomCredentials();
        api.registerAccount(pool.accountSid(), pool.authToken().reveal());
        api.addAvailableNumber("FR", "+33184800001", "Ile-de-France", "Paris");
        api.addAvailableNumber("FR", "+33484800002", "Provence-Alpes-Cote d'Azur", "Marseille");
        api.addAvailableNumber("BE", "+3220000003", "Brussels", "Bruxelles");
        numbers = new TwilioNumberManagement(FakeTwilioSettings.forFake(api), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void voiceOnlyFrenchNumbersAreFoundAndReportedWithoutSms() {
        api.addVoiceOnlyAvailableNumber("FR", "+33584800009", "Occitanie", "Toulouse");

        List<AvailableNumber> occitanie = numbers.searchLocal(pool, "FR", "Occitanie", 10);

        assertThat(occitanie).singleElement().satisfies(n -> {
            assertThat(n.number()).isEqualTo(PhoneNumber.of("+33584800009"));
            assertThat(n.voice()).isTrue();
            assertThat(n.sms()).isFalse();
        });
    }

    @Test
    void searchesLocalVoiceNumbersByCountryAndRegion() {
        List<AvailableNumber> france = numbers.searchLocal(pool, "fr", null, 10);
        List<AvailableNumber> paris = numbers.searchLocal(pool, "FR", "Ile-de-France", 10);

        assertThat(france).extracting(AvailableNumber::number)
                .containsExactly(PhoneNumber.of("+33184800001"), PhoneNumber.of("+33484800002"));
        assertThat(paris).singleElement().satisfies(n -> {
            assertThat(n.locality()).isEqualTo("Paris");
            assertThat(n.voice()).isTrue();
            assertThat(n.sms()).isTrue();
            assertThat(n.addressRequirements()).isEqualTo("local");
        });
        assertThat(api.requests().get(0).params()).containsEntry("VoiceEnabled", List.of("true")).doesNotContainKey("SmsEnabled");
        assertThatThrownBy(() -> numbers.searchLocal(pool, "France", null, 10)).hasMessageContaining("'isoCountry'");
        assertThatThrownBy(() -> numbers.searchLocal(pool, "FR", null, 0)).hasMessageContaining("'limit'");
    }

    @Test
    void buysANumberWithItsWebhooksAndRegulatoryBundle() {
        OwnedNumber owned = numbers.buy(pool, PhoneNumber.of("+33184800001"), HOOKS, "BU" + "1".repeat(32), "AD" + "2".repeat(32));

        assertThat(owned.number()).isEqualTo(PhoneNumber.of("+33184800001"));
        assertThat(owned.voiceUrl()).isEqualTo(HOOKS.voiceUrl());
        assertThat(owned.statusCallback()).isEqualTo(HOOKS.statusCallback());
        assertThat(owned.smsUrl()).isEqualTo(HOOKS.smsUrl());
        FakeIncomingNumber stored = api.incomingNumbers(pool.accountSid()).get(0);
        assertThat(stored.sid()).isEqualTo(owned.sid());
        assertThat(stored.bundleSid()).startsWith("BU");
        assertThat(stored.addressSid()).startsWith("AD");
        assertThat(api.requests().get(0).param("VoiceMethod")).isEqualTo("POST");
    }

    @Test
    void aPurchaseWhoseAnswerWasLostIsFoundInsteadOfBoughtTwice() {
        api.inject(Fault.on("POST", "/IncomingPhoneNumbers.json").respondAfterProcessing(500, 20500));

        OwnedNumber owned = numbers.buy(pool, PhoneNumber.of("+33184800001"), HOOKS, null, null);

        assertThat(owned.number()).isEqualTo(PhoneNumber.of("+33184800001"));
        assertThat(api.count("POST", "/IncomingPhoneNumbers.json")).isEqualTo(1);
        assertThat(api.incomingNumbers(pool.accountSid())).hasSize(1);
    }

    @Test
    void aNumberNoLongerAvailableIsAPermanentFailure() {
        assertThatThrownBy(() -> numbers.buy(pool, PhoneNumber.of("+33999999999"), HOOKS, null, null))
                .isInstanceOfSatisfying(CallControlException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.vendorCode()).isEqualTo("21422");
                });
    }

    @Test
    void configuresThenResetsTheWebhooks() {
        String sid = api.addIncomingNumber(pool.accountSid(), "+33184800009");

        OwnedNumber configured = numbers.configure(pool, sid, HOOKS);
        OwnedNumber reset = numbers.reset(pool, sid);

        assertThat(configured.voiceUrl()).isEqualTo(HOOKS.voiceUrl());
        assertThat(reset.voiceUrl()).isNull();
        assertThat(reset.smsUrl()).isNull();
        assertThat(reset.statusCallback()).isNull();
        assertThat(api.incomingNumbers(pool.accountSid()).get(0).voiceUrl()).isEmpty();
        assertThatThrownBy(() -> numbers.reset(pool, "PN123")).hasMessageContaining("'numberSid'");
    }

    @Test
    void listsEveryOwnedNumberAcrossPagesAndFindsOneByValue() {
        for (int i = 0; i < 130; i++) {
            api.addIncomingNumber(pool.accountSid(), "+33184" + String.format("%06d", i));
        }

        List<OwnedNumber> all = numbers.listOwned(pool);

        assertThat(all).hasSize(130).extracting(OwnedNumber::sid).doesNotHaveDuplicates();
        assertThat(api.count("GET", "/IncomingPhoneNumbers.json")).isEqualTo(2);
        assertThat(numbers.findOwned(pool, PhoneNumber.of("+33184000042"))).isPresent();
        assertThat(numbers.findOwned(pool, PhoneNumber.of("+33184999999"))).isEmpty();
    }

    @Test
    void productionRefusesPlainHttpWebhooks() {
        TwilioNumberManagement strict = new TwilioNumberManagement(
                TwilioSettings.defaults(URI.create("https://voice.example.test")), Clock.systemUTC());
        Webhooks plain = new Webhooks(URI.create("http://voice.example.test/v"), HOOKS.statusCallback(), HOOKS.smsUrl());

        assertThatThrownBy(() -> strict.buy(pool, PhoneNumber.of("+33184800001"), plain, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }
}
