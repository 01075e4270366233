package com.ethiq.adapter.twilio;

import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.adapter.twilio.fake.FakeTwilioSettings;
import com.ethiq.adapter.twilio.fake.Fault;
import com.ethiq.core.contract.CallControlContract;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallControl;
import java.time.Clock;
import java.util.List;

/** The real adapter against the local fake Twilio API: what reached "Twilio" is read from the fake's state. */
class TwilioCallControlContractTest extends CallControlContract {

    @Override
    protected Fixture create() {
        return new TwilioFixture();
    }

    static final class TwilioFixture implements Fixture {
        final FakeTwilioApi api = FakeTwilioApi.start();
        final TestTenantSecrets secrets = new TestTenantSecrets();
        final TwilioCallControl callControl = new TwilioCallControl(secrets, FakeTwilioSettings.forFake(api), Clock.systemUTC());

        @Override
        public CallControl callControl() {
            return callControl;
        }

        @Override
        public TestTenant newTenant() {
            TenantId id = TenantId.random();
            TelephonyCredentials credentials = TestTenantSecrets.randomCredentials();
            PhoneNumber number = randomMobile();
            api.registerAccount(credentials.accountSid(), credentials.authToken().reveal());
            api.addIncomingNumber(credentials.accountSid(), number.e164());
            secrets.storeTelephony(id, credentials);
            return new TestTenant(id, credentials.accountSid(), number);
        }

        @Override
        public TenantId newTenantWithoutCredentials() {
            return TenantId.random();
        }

        @Override
        public void startConference(TestTenant tenant, ConferenceName conference) {
            api.startConference(tenant.account(), conference.value());
        }

        @Override
        public void startCall(TestTenant tenant, CallSid callSid) {
            api.startCall(tenant.account(), callSid.value());
        }

        @Override
        public PhoneNumber invalidRecipient() {
            return PhoneNumber.of("+15005550001"); // Twilio's magic test number for 21211
        }

        @Override
        public void failNextSms(ScriptedFailure failure) {
            Fault onSend = Fault.on("POST", "/Messages.json");
            api.inject(failure == ScriptedFailure.NOT_PROCESSED
                    ? onSend.respond(503, 20503)
                    : onSend.respondAfterProcessing(500, 20500));
        }

        @Override
        public List<ObservedSms> sms() {
            return api.messages().stream()
                    .map(m -> new ObservedSms(m.accountSid(), PhoneNumber.of(m.from()), PhoneNumber.of(m.to()), m.body()))
                    .toList();
        }

        @Override
        public List<ObservedAnnouncement> announcements() {
            return api.announcements().stream()
                    .map(a -> new ObservedAnnouncement(a.accountSid(), new ConferenceName(a.conferenceName()),
                            a.query("text"), Language.parse(a.query("lang"))))
                    .toList();
        }

        @Override
        public List<ObservedParticipant> participants() {
            return api.participants().stream()
                    .map(p -> new ObservedParticipant(p.accountSid(), new ConferenceName(p.conferenceName()),
                            SipAddress.of(p.to()), PhoneNumber.of(p.callerId())))
                    .toList();
        }

        @Override
        public List<ObservedHangUp> hangUps() {
            return api.calls().stream()
                    .filter(c -> c.status().equals("completed"))
                    .map(c -> new ObservedHangUp(c.accountSid(), CallSid.of(c.sid())))
                    .toList();
        }

        @Override
        public void close() {
            api.close();
        }
    }
}
