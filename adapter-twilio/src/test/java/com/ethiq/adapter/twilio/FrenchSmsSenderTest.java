package com.ethiq.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi.FakeMessage;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi.RecordedRequest;
import com.ethiq.adapter.twilio.fake.FakeTwilioSettings;
import com.ethiq.adapter.twilio.fake.Fault;
import com.ethiq.core.contract.CallControlContract.TestTenantSecrets;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallControl.CallControlException;
import com.ethiq.core.port.CallControl.DeliveryReceipt;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Alerts to French mobiles from an alphanumeric sender ID or a Messaging Service (issue 22, item 1), with a validity
 * period, against {@link FakeTwilioApi} speaking the documented Messages fields.
 */
class FrenchSmsSenderTest {
    private static final String SERVICE = "MG" + "0123456789abcdef0123456789abcdef";
    private static final PhoneNumber MOBILE = PhoneNumber.of("+33612345678");

    private FakeTwilioApi api;
    private TestTenantSecrets secrets;
    private TenantId tenant;
    private String account;
    private PhoneNumber tenantNumber;

    @BeforeEach
    void start() {
        api = FakeTwilioApi.start();
        secrets = new TestTenantSecrets();
        tenant = TenantId.random();
        TelephonyCredentials credentials = TestTenantSecrets.randomCredentials();
        account = credentials.accountSid();
        tenantNumber = PhoneNumber.of("+33184800000");
        api.registerAccount(account, credentials.authToken().reveal());
        api.addIncomingNumber(account, tenantNumber.e164());
        secrets.storeTelephony(tenant, credentials);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private TwilioCallControl twilio(SmsSending sending) {
        return new TwilioCallControl(secrets, FakeTwilioSettings.forFake(api), SmsSending.PerAccount.platform(sending), Clock.systemUTC());
    }

    private RecordedRequest lastSend() {
        return api.requests(r -> r.method().equals("POST") && r.path().endsWith("/Messages.json")).get(0);
    }

    @Test
    void anAlphanumericSenderIsTheFromAndTheValidityPeriodIsFifteenMinutes() {
        api.registerAlphanumericSender(account, "ETHIQ");

        DeliveryReceipt receipt = twilio(SmsSending.alphanumeric("ETHIQ")).sendSms(tenant, tenantNumber, MOBILE, "Appel suspect", "k-1");

        RecordedRequest post = lastSend();
        assertThat(post.param("From")).isEqualTo("ETHIQ");
        assertThat(post.param("ValidityPeriod")).isEqualTo("900");
        assertThat(post.param("MessagingServiceSid")).isNull();
        assertThat(post.param("StatusCallback")).isEqualTo(FakeTwilioSettings.forFake(api).publicBaseUrl() + "/twilio/sms-status?tenant=" + tenant);
        FakeMessage m = api.messages(account).get(0);
        assertThat(m.from()).isEqualTo("ETHIQ");
        assertThat(m.validityPeriod()).contains(900);
        assertThat(receipt.providerReference()).isEqualTo(m.sid());
    }

    @Test
    void aMessagingServiceAloneLetsTwilioPickItsPoolsSender() {
        api.addMessagingService(account, SERVICE, "ETHIQ");

        twilio(new SmsSending(Optional.empty(), Optional.of(SERVICE), Duration.ofMinutes(10)))
                .sendSms(tenant, tenantNumber, MOBILE, "Appel suspect", "k-2");

        RecordedRequest post = lastSend();
        assertThat(post.param("From")).as("no From: the service chooses").isNull();
        assertThat(post.param("MessagingServiceSid")).isEqualTo(SERVICE);
        assertThat(post.param("ValidityPeriod")).isEqualTo("600");
        assertThat(api.messages(account).get(0).from()).isEqualTo("ETHIQ");
        assertThat(api.messages(account).get(0).messagingServiceSid()).contains(SERVICE);
    }

    @Test
    void anAlphanumericSenderCanGoThroughAMessagingServiceToo() {
        api.addMessagingService(account, SERVICE, "ETHIQ");

        twilio(SmsSending.alphanumeric("ETHIQ").withMessagingService(SERVICE)).sendSms(tenant, tenantNumber, MOBILE, "Appel suspect", "k-3");

        assertThat(lastSend().param("From")).isEqualTo("ETHIQ");
        assertThat(lastSend().param("MessagingServiceSid")).isEqualTo(SERVICE);
    }

    @Test
    void withoutSenderIdTheTenantsNumberIsUsedStillWithAValidityPeriod() {
        twilio(SmsSending.fromTenantNumber()).sendSms(tenant, tenantNumber, MOBILE, "Appel suspect", "k-4");

        assertThat(lastSend().param("From")).isEqualTo(tenantNumber.e164());
        assertThat(lastSend().param("ValidityPeriod")).isEqualTo("900");
    }

    @Test
    void theIdempotencyLookupFindsAMessageSentFromAnAlphanumericSender() {
        api.registerAlphanumericSender(account, "ETHIQ");
        api.inject(Fault.on("POST", "/Messages.json").respondAfterProcessing(500, 20500));
        TwilioCallControl twilio = twilio(SmsSending.alphanumeric("ETHIQ"));

        DeliveryReceipt first = twilio.sendSms(tenant, tenantNumber, MOBILE, "Appel suspect", "k-5"); // answer lost, found by lookup
        DeliveryReceipt again = twilio.sendSms(tenant, tenantNumber, MOBILE, "Appel suspect", "k-5"); // the durable job retries

        assertThat(api.messages(account)).hasSize(1);
        assertThat(api.count("POST", "/Messages.json")).isEqualTo(1);
        assertThat(first.providerReference()).isEqualTo(again.providerReference()).isEqualTo(api.messages(account).get(0).sid());
        assertThat(api.requests(r -> r.method().equals("GET") && r.path().endsWith("/Messages.json")))
                .as("the lookup filters on To only: the sender is no E.164 number")
                .allSatisfy(r -> {
                    assertThat(r.param("To")).isEqualTo(MOBILE.e164());
                    assertThat(r.param("From")).isNull();
                });
    }

    @Test
    void anUnregisteredSenderIdIsAPermanentConfigurationError() {
        assertThatThrownBy(() -> twilio(SmsSending.alphanumeric("ARNAQUE")).sendSms(tenant, tenantNumber, MOBILE, "Appel suspect", "k-6"))
                .isInstanceOfSatisfying(CallControlException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.vendorCode()).isEqualTo("21212");
                });
    }

    @Test
    void perAccountSendingFallsBackToThePlatformOne() {
        api.registerAlphanumericSender(account, "MAMIE SECU");
        SmsSending platform = SmsSending.alphanumeric("ETHIQ");
        Map<TenantId, SmsSending> own = Map.of(tenant, SmsSending.alphanumeric("MAMIE SECU"));
        TwilioCallControl twilio = new TwilioCallControl(secrets, FakeTwilioSettings.forFake(api),
                t -> own.getOrDefault(t, platform), Clock.systemUTC());

        twilio.sendSms(tenant, tenantNumber, MOBILE, "Appel suspect", "k-7");

        assertThat(lastSend().param("From")).isEqualTo("MAMIE SECU");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "123456", "TWELVE CHARS", "ÉTHIQ", "ETH-IQ"})
    void senderIdsTwilioWouldRefuseAreRejectedAtConfiguration(String sender) {
        assertThatThrownBy(() -> SmsSending.alphanumeric(sender)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alphanumericSender");
    }

    @Test
    void validityPeriodStaysInTwiliosRange() {
        assertThatThrownBy(() -> SmsSending.fromTenantNumber().withValidityPeriod(Duration.ofSeconds(36_001)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmsSending.fromTenantNumber().withValidityPeriod(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmsSending.fromTenantNumber().withMessagingService("MG123"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SmsSending.fromTenantNumber().withValidityPeriod(Duration.ofHours(10)).validityPeriod()).hasSeconds(36_000);
    }
}
