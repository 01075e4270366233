package com.ethiq.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi.RecordedRequest;
import com.ethiq.adapter.twilio.fake.FakeTwilioSettings;
import com.ethiq.adapter.twilio.fake.Fault;
import com.ethiq.core.contract.CallControlContract.TestTenantSecrets;
import com.ethiq.core.domain.Announcement;
import com.ethiq.core.domain.AnnouncementAudience;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallerShown;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallControl.CallControlException;
import com.ethiq.core.port.CallControl.ParticipantReceipt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The protected person's leg on the wire (issue 22, items 3, 4, 5, 7, 8, 10): the real caller shown, the warning to
 * that leg only and by reference, the queue time read, the Ireland region, and no second ring after a lost answer.
 */
class ProtectedPersonLegTest {
    private static final SipAddress SIP = SipAddress.of("sip:jeanne@home.example.net");
    private static final CallSid CALLER = CallSid.of("CA0123456789abcdef0123456789abcdef");

    private FakeTwilioApi api;
    private final TestTenantSecrets secrets = new TestTenantSecrets();
    private final TenantId tenant = TenantId.random();
    private String account;
    private final PhoneNumber tenantNumber = PhoneNumber.of("+33184800000");
    private ConferenceName conference;

    @BeforeEach
    void start() {
        api = FakeTwilioApi.start();
        TelephonyCredentials credentials = TestTenantSecrets.randomCredentials();
        account = credentials.accountSid();
        api.registerAccount(account, credentials.authToken().reveal());
        api.addIncomingNumber(account, tenantNumber.e164());
        secrets.storeTelephony(tenant, credentials);
        conference = ConferenceName.forCall(tenant, CALLER);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private TwilioCallControl twilio(TwilioSettings settings) {
        return new TwilioCallControl(secrets, settings, Clock.systemUTC());
    }

    private TwilioCallControl twilio() {
        return twilio(FakeTwilioSettings.forFake(api));
    }

    private ParticipantReceipt ring(TwilioCallControl cc, CallerShown shown) {
        return cc.ringProtectedPerson(tenant, conference, SIP, tenantNumber, shown, CALLER, Duration.ofSeconds(25));
    }

    private List<RecordedRequest> creations() {
        return api.requests(r -> r.method().equals("POST") && r.path().endsWith("/Participants.json"));
    }

    @Test
    void thePersonsPhoneShowsTheRealCallerNotTheEthiqNumber() {
        ring(twilio(), CallerShown.fromRaw("+33612345678", Language.FRENCH));

        RecordedRequest post = creations().get(0);
        assertThat(post.param("From")).isEqualTo("+33612345678");
        assertThat(post.param("CallerId")).isEqualTo("+33612345678");
        assertThat(post.param("To")).isEqualTo(SIP.uri());
        assertThat(post.param("CallerDisplayName")).isNull(); // the phone matches the number against its contacts
        assertThat(post.param("Label")).isEqualTo("protected");
        assertThat(post.param("Region")).isNull();
    }

    @Test
    void aWithheldCallerIsShownAsAnonymousWithADisplayName() {
        ring(twilio(), CallerShown.fromRaw("anonymous", Language.FRENCH));

        RecordedRequest post = creations().get(0);
        assertThat(post.param("From")).isEqualTo("anonymous");
        assertThat(post.param("CallerId")).isEqualTo("anonymous");
        assertThat(post.param("CallerDisplayName")).isEqualTo("Numéro masqué");
    }

    @Test
    void theQueueTimeTwilioAnnouncesIsReturned() {
        api.setParticipantQueueTime(2_500);
        assertThat(ring(twilio(), CallerShown.fromRaw("+33612345678", Language.FRENCH)).queueTime()).isEqualTo(Duration.ofMillis(2_500));
        assertThat(TwilioCallControl.queueTime("not a number")).isZero();
        assertThat(TwilioCallControl.queueTime(null)).isZero();
    }

    @Test
    void inTheIrelandRegionTheSipLegCarriesTheRegionAndTheConferenceIsMixedThere() {
        TwilioCallControl ie1 = twilio(FakeTwilioSettings.forFake(api).withRegion("ie1"));
        ring(ie1, CallerShown.fromRaw("+33612345678", Language.FRENCH));

        RecordedRequest post = creations().get(0);
        assertThat(post.param("To")).isEqualTo("sip:jeanne@home.example.net;region=ie1");
        assertThat(post.param("Region")).isEqualTo("ie1");
        // a Twilio SIP Domain endpoint is dialled by its global URI (error 32220)
        assertThat(ie1.sipUri(SipAddress.of("sip:jeanne@mamie.sip.twilio.com"))).isEqualTo("sip:jeanne@mamie.sip.twilio.com");
        assertThatThrownBy(() -> FakeTwilioSettings.forFake(api).withRegion("eu-west")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLostAnswerIsResolvedByTheLabelAndThePersonIsRungOnce() {
        api.inject(Fault.on("POST", "/Participants.json").respondAfterProcessing(500, 20500));

        ParticipantReceipt receipt = ring(twilio(), CallerShown.fromRaw("+33612345678", Language.FRENCH));

        assertThat(creations()).hasSize(1);
        assertThat(api.participants()).hasSize(1);
        assertThat(receipt.leg().value()).isEqualTo(api.participants().get(0).callSid());
        assertThat(api.requests(r -> r.method().equals("GET") && r.path().endsWith("/Participants/protected.json"))).hasSize(1);
    }

    @Test
    void anUnknownOutcomeWithNoLegFoundFailsTransientlyAndTheRetryLooksBeforeDialling() {
        TwilioCallControl cc = twilio();
        api.inject(Fault.on("POST", "/Participants.json").respond(500, 20500));

        assertThatThrownBy(() -> ring(cc, CallerShown.fromRaw("+33612345678", Language.FRENCH)))
                .isInstanceOfSatisfying(CallControlException.class, e -> {
                    assertThat(e.permanent()).isFalse();
                    assertThat(e.vendorCode()).isEqualTo("outcome-unknown");
                });
        int lookupsBefore = api.requests(r -> r.method().equals("GET") && r.path().endsWith("/Conferences.json")).size();

        ring(cc, CallerShown.fromRaw("+33612345678", Language.FRENCH));

        assertThat(api.participants()).hasSize(1);
        assertThat(api.requests(r -> r.method().equals("GET") && r.path().endsWith("/Conferences.json")).size())
                .as("the retry looked for the leg first").isGreaterThan(lookupsBefore);
    }

    private Announcement announcement(AnnouncementAudience audience) {
        return new Announcement("r0123456789abcdefABCDEF", tenant, CALLER, "Attention : ne donnez jamais vos codes.", Language.FRENCH,
                audience, "alert-1", 1, false, Instant.parse("2026-03-02T09:00:00Z"));
    }

    @Test
    void theWarningGoesToTheProtectedLegOnlyAndTheUrlCarriesOnlyTheReference() {
        TwilioCallControl cc = twilio();
        ring(cc, CallerShown.fromRaw("+33612345678", Language.FRENCH));
        String cf = api.startConference(account, conference.value());

        cc.announce(tenant, conference, announcement(AnnouncementAudience.PROTECTED_PERSON));

        assertThat(api.announcements()).as("nothing set on the whole conference").isEmpty();
        assertThat(api.participantAnnouncements()).singleElement().satisfies(a -> {
            assertThat(a.conferenceSid()).isEqualTo(cf);
            assertThat(a.addressedAs()).isEqualTo("protected");
            assertThat(a.callSid()).isEqualTo(api.participants().get(0).callSid());
            assertThat(a.announceMethod()).isEqualTo("POST");
            assertThat(a.announceUrl().toString()).endsWith("/twilio/announcement?ref=r0123456789abcdefABCDEF");
            assertThat(a.announceUrl().toString()).doesNotContain("Attention").doesNotContain("text=");
        });
    }

    @Test
    void anAccountThatChoseEveryoneGetsTheConferenceAnnouncement() {
        TwilioCallControl cc = twilio();
        api.startConference(account, conference.value());

        cc.announce(tenant, conference, announcement(AnnouncementAudience.EVERYONE));

        assertThat(api.participantAnnouncements()).isEmpty();
        assertThat(api.announcements()).singleElement()
                .satisfies(a -> assertThat(a.query("ref")).isEqualTo("r0123456789abcdefABCDEF"));
    }

    @Test
    void aProtectedPersonWhoLeftCannotBeWarnedAndAConferenceNotStartedWaits() {
        TwilioCallControl cc = twilio();
        ring(cc, CallerShown.fromRaw("+33612345678", Language.FRENCH));
        assertThatThrownBy(() -> cc.announce(tenant, conference, announcement(AnnouncementAudience.PROTECTED_PERSON)))
                .isInstanceOfSatisfying(CallControlException.class, e -> assertThat(e.permanent()).isFalse());

        api.startConference(account, conference.value());
        api.setCallStatus(account, api.participants().get(0).callSid(), "completed");
        assertThatThrownBy(() -> cc.announce(tenant, conference, announcement(AnnouncementAudience.PROTECTED_PERSON)))
                .isInstanceOfSatisfying(CallControlException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.vendorCode()).isEqualTo("20404");
                });
    }
}
