package com.ethiq.app.calls;

import static com.ethiq.app.calls.CallPathHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.twilio.fake.FakeTwilioApi.FakeParticipant;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi.ParticipantAnnouncement;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.calls.CallPathHarness.TestTenant;
import com.ethiq.app.sim.MediaStream;
import com.ethiq.app.sim.TwilioCallSimulator;
import com.ethiq.app.sim.TwilioCallSimulator.Call;
import com.ethiq.app.sim.TwilioCallSimulator.Reply;
import com.ethiq.app.sim.TwilioCallSimulator.Signing;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.AnnouncementAudience;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TelephonyPreferences;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 on the wire, items 3, 4 and 5: the protected person's phone shows the real caller; the warning goes to
 * that leg only, by an opaque reference that any node resolves from the store (the tenant comes from the row); the
 * first fetch speaks, a repeat speaks nothing, a forged fetch is refused; {@code announcement-fail} asks again, at
 * most twice; an account can choose that everyone hears it.
 */
class AnnouncementWireTest {
    private CallPathHarness harness;
    private EthiqApp nodeA;
    private TwilioCallSimulator twilio;

    @BeforeEach
    void setUp() {
        harness = new CallPathHarness();
        nodeA = harness.startApp();
        twilio = harness.simulator(nodeA);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private Call scamCall(TestTenant t, String from) {
        Call call = twilio.ring(t.account(), from, t.number());
        assertThat(eventually(Duration.ofSeconds(5), () -> !participants(t).isEmpty())).as("the person is rung").isTrue();
        harness.twilio.startConference(t.account().accountSid(), call.twiml().conference().orElseThrow());
        try (MediaStream stream = call.startStream()) {
            stream.stream(Scripts.scam(harness.speech, call.callSid()));
            stream.sendStop();
            stream.awaitClosed(Duration.ofSeconds(5));
        }
        return call;
    }

    private List<FakeParticipant> participants(TestTenant t) {
        return harness.twilio.participants().stream().filter(p -> p.accountSid().equals(t.account().accountSid())).toList();
    }

    private List<ParticipantAnnouncement> warnings(TestTenant t) {
        return harness.twilio.participantAnnouncements().stream().filter(a -> a.accountSid().equals(t.account().accountSid())).toList();
    }

    @Test
    void theRealCallerIsShownAndAWithheldOneSaysSo() {
        TestTenant t = harness.tenant("Mme Roux", 1);
        twilio.ring(t.account(), "+33612345678", t.number());
        twilio.ring(t.account(), "anonymous", t.number());
        assertThat(eventually(Duration.ofSeconds(5), () -> participants(t).size() == 2)).isTrue();

        FakeParticipant known = participants(t).stream().filter(p -> p.from().startsWith("+")).findFirst().orElseThrow();
        assertThat(known.from()).isEqualTo("+33612345678");
        assertThat(known.callerId()).isEqualTo("+33612345678").isNotEqualTo(t.number());
        FakeParticipant withheld = participants(t).stream().filter(p -> !p.from().startsWith("+")).findFirst().orElseThrow();
        assertThat(withheld.from()).isEqualTo("anonymous");
        assertThat(withheld.fields()).containsEntry("CallerDisplayName", "Numéro masqué");
    }

    @Test
    void theWarningReachesTheProtectedLegOnlyAndAnyNodeServesItOnce() {
        TestTenant t = harness.tenant("Mme Garnier", 1);
        scamCall(t, "+33612345678");
        assertThat(eventually(Duration.ofSeconds(10), () -> warnings(t).size() == 1)).isTrue();
        ParticipantAnnouncement warning = warnings(t).get(0);
        assertThat(warning.addressedAs()).isEqualTo("protected");
        assertThat(harness.twilio.announcements()).noneMatch(a -> a.accountSid().equals(t.account().accountSid()));
        URI url = warning.announceUrl();
        assertThat(url.getRawQuery()).matches("ref=[A-Za-z0-9_-]{22}");

        // forged: refused, and the words are not used up
        Reply forged = twilio.post(url.toString().substring(CallPathHarness.PUBLIC_BASE.length()),
                Map.of("AccountSid", t.account().accountSid(), "ConferenceSid", warning.conferenceSid()), t.account(), Signing.FORGED);
        assertThat(forged.status()).isEqualTo(403);

        // a node that never saw this tenant answers: the tenant comes from the stored row
        EthiqApp nodeB = harness.startApp();
        Reply spoken = harness.simulator(nodeB).fetchAnnouncement(t.account(), url, warning.conferenceSid());
        assertThat(spoken.status()).isEqualTo(200);
        assertThat(spoken.twiml().said()).hasValueSatisfying(text -> assertThat(text).contains("arnaque"));

        Reply repeated = twilio.fetchAnnouncement(t.account(), url, warning.conferenceSid());
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.twiml().said()).as("a repeated fetch speaks nothing").isEmpty();

        Reply unknown = twilio.fetchAnnouncement(t.account(), URI.create(CallPathHarness.PUBLIC_BASE
                + "/twilio/announcement?ref=AAAAAAAAAAAAAAAAAAAAAA"), warning.conferenceSid());
        assertThat(unknown.status()).isEqualTo(403);
    }

    @Test
    void aFailedAnnouncementIsAskedAgainAtMostTwice() {
        TestTenant t = harness.tenant("M. Blanc", 1);
        Call call = scamCall(t, "+33612345678");
        assertThat(eventually(Duration.ofSeconds(15), () -> harness.stores.outbox().forCall(t.id(), CallSid.of(call.callSid())).stream()
                .filter(a -> a.kind() == AlertKind.CONFERENCE_ANNOUNCEMENT).anyMatch(a -> a.status() == AlertStatus.SENT))).isTrue();
        // a loaded store can make the alert go out twice (from memory and by a worker): same reference, served once
        int before = warnings(t).size();
        URI url = warnings(t).get(0).announceUrl();
        assertThat(warnings(t)).allSatisfy(w -> assertThat(w.announceUrl()).isEqualTo(url));

        assertThat(call.conferenceEvent("announcement-fail", null).status()).isEqualTo(204);
        assertThat(warnings(t)).hasSize(before + 1).allSatisfy(w -> assertThat(w.announceUrl()).isEqualTo(url));
        assertThat(twilio.fetchAnnouncement(t.account(), url, warnings(t).get(0).conferenceSid()).twiml().said())
                .as("servable again after the failure").isPresent();

        call.conferenceEvent("announcement-fail", null);
        call.conferenceEvent("announcement-fail", null);
        assertThat(warnings(t)).as("three plays in all: two replays").hasSize(before + 2);
    }

    @Test
    void anAccountThatChoseEveryoneWarnsTheWholeConference() {
        TestTenant t = harness.tenant("Mme Ferrand", 1);
        harness.stores.accountTelephony().save(t.id(), TelephonyPreferences.DEFAULT.withAudience(AnnouncementAudience.EVERYONE));
        scamCall(t, "+33612345678");
        assertThat(eventually(Duration.ofSeconds(10), () -> harness.twilio.announcements().stream()
                .anyMatch(a -> a.accountSid().equals(t.account().accountSid())))).isTrue();
        assertThat(warnings(t)).isEmpty();
    }
}
