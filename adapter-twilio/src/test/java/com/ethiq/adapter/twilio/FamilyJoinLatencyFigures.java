package com.ethiq.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.adapter.twilio.fake.FakeTwilioSettings;
import com.ethiq.core.contract.CallControlContract.TestTenantSecrets;
import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.fake.InMemoryAlertOutbox;
import com.ethiq.core.fake.InMemoryAuditTrail;
import com.ethiq.core.fake.InMemoryCallLogs;
import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryFamilyLinks;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.family.FamilyAction;
import com.ethiq.core.family.FamilyOutcome;
import com.ethiq.core.family.FamilyResponse;
import com.ethiq.core.port.IdGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A measuring run for docs/performance.md, not a timed assertion: "join" pressed (the use case called with the link's
 * token) → the Participants POST received by {@link FakeTwilioApi}, through the real adapter (the conference lookup and
 * the announcement come first). 60 calls after 10 warm-up calls; prints p50/p99.
 */
class FamilyJoinLatencyFigures {
    private static final Pattern LINK = Pattern.compile("/f/([A-Za-z0-9_-]{22})");

    @Test
    void joinPressedToParticipantRequest() {
        try (FakeTwilioApi api = FakeTwilioApi.start()) {
            TestTenantSecrets secrets = new TestTenantSecrets();
            Clock clock = Clock.systemUTC();
            InMemoryTenants tenants = new InMemoryTenants();
            InMemoryEmergencyContacts contacts = new InMemoryEmergencyContacts();
            InMemoryCallLogs calls = new InMemoryCallLogs();
            InMemoryAlertOutbox outbox = new InMemoryAlertOutbox();
            TwilioCallControl twilio = new TwilioCallControl(secrets, FakeTwilioSettings.forFake(api), clock);
            FamilyResponse family = new FamilyResponse(new InMemoryFamilyLinks(), tenants, calls, contacts, outbox, twilio,
                    new com.ethiq.core.usecase.Announcements(new com.ethiq.core.fake.InMemoryAnnouncementStore(),
                            new com.ethiq.core.fake.InMemoryAccountTelephony(), twilio, clock),
                    new com.ethiq.core.usecase.ContactNotices(outbox, () -> { }, IdGenerator.random()), new InMemoryAuditTrail(),
                    null, null, IdGenerator.random(), clock, "https://ethiq.example.com");
            TelephonyCredentials credentials = TestTenantSecrets.randomCredentials();
            api.registerAccount(credentials.accountSid(), credentials.authToken().reveal());
            api.addIncomingNumber(credentials.accountSid(), "+33100000042");
            TenantId id = TenantId.random();
            secrets.storeTelephony(id, credentials);
            Tenant tenant = new Tenant(id, "Mamie Jeanne", AccountStatus.ACTIVE, PhoneNumber.of("+33100000042"),
                    SipAddress.of("sip:jeanne@home.example.com"), TenantSettings.defaults(), clock.instant());
            tenants.create(tenant);
            EmergencyContact paul = new EmergencyContact(UUID.randomUUID(), id, "Paul", PhoneNumber.of("+33611111111"), "", clock.instant());
            contacts.add(paul);
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 70; i++) {
                CallSid caller = CallSid.of(api.startCall(credentials.accountSid()));
                api.startConference(credentials.accountSid(), ConferenceName.forCall(id, caller).value());
                calls.open(CallLog.started(id, caller, "+33999888777", clock.instant(), CallProtection.PROTECTED));
                calls.updateState(id, caller, CallState.IN_PROGRESS, clock.instant());
                calls.recordVerdict(id, caller, new Verdict.Scam(0.9, ScamCategory.FAKE_BANK_ADVISER, List.of(), ""));
                var sms = family.compose(tenant, paul, UUID.randomUUID(), caller, ScamCategory.FAKE_BANK_ADVISER, "", clock.instant());
                sms.store().run();
                Matcher m = LINK.matcher(sms.message());
                assertThat(m.find()).isTrue();
                int before = api.participants().size();
                Instant pressed = Instant.now();
                assertThat(family.act(m.group(1), FamilyAction.JOIN, "")).isInstanceOf(FamilyOutcome.Done.class);
                assertThat(api.participants()).hasSize(before + 1);
                Instant received = api.requests(r -> r.method().equals("POST") && r.path().endsWith("/Participants.json"))
                        .get(before).at();
                if (i >= 10) {
                    millis.add(Duration.between(pressed, received).toMillis());
                }
            }
            Collections.sort(millis);
            System.out.printf("join pressed -> Participants POST at the fake (60 calls): p50 %d ms, p99 %d ms, max %d ms%n",
                    millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.99)), millis.get(millis.size() - 1));
        }
    }
}
