package com.ethiq.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi.RecordedRequest;
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
import com.ethiq.core.fake.InMemoryAccountTelephony;
import com.ethiq.core.fake.InMemoryAnnouncementStore;
import com.ethiq.core.fake.InMemoryAuditTrail;
import com.ethiq.core.fake.InMemoryCallLogs;
import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryFamilyLinks;
import com.ethiq.core.fake.InMemoryKnownCallers;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.family.FamilyAction;
import com.ethiq.core.family.FamilyOutcome;
import com.ethiq.core.family.FamilyResponse;
import com.ethiq.core.fake.InMemoryUsageLedger;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.usecase.AlertDispatcher;
import com.ethiq.core.usecase.ComposedAlertOutcomes;
import com.ethiq.core.usecase.Announcements;
import com.ethiq.core.usecase.ContactNotices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The family actions as Twilio receives them, through the real adapter against {@link FakeTwilioApi}: join is one
 * Participants POST (To = the relative, From = the tenant's number, with the tone) after the sentence is announced,
 * even when two phones press at once; end is a notice to the protected leg then one call update to completed;
 * "I'm on it" is one SMS to each other contact.
 */
class FamilyActionsWireTest {
    private static final Pattern LINK = Pattern.compile("https://ethiq\\.example\\.com/f/([A-Za-z0-9_-]{22})");

    private FakeTwilioApi api;
    private final TestTenantSecrets secrets = new TestTenantSecrets();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final InMemoryTenants tenants = new InMemoryTenants();
    private final InMemoryEmergencyContacts contacts = new InMemoryEmergencyContacts();
    private final InMemoryCallLogs calls = new InMemoryCallLogs();
    private final InMemoryFamilyLinks links = new InMemoryFamilyLinks();
    private final InMemoryAlertOutbox outbox = new InMemoryAlertOutbox();
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private FamilyResponse family;
    private Announcements announcements;
    private Tenant tenant;
    private String account;
    private EmergencyContact paul;
    private EmergencyContact lea;
    private CallSid caller;
    private CallSid protectedLeg;
    private ConferenceName conference;

    @BeforeEach
    void start() {
        api = FakeTwilioApi.start();
        TwilioCallControl twilio = new TwilioCallControl(secrets, FakeTwilioSettings.forFake(api), clock);
        // the "I'm on it" SMS goes through the outbox: a dispatcher delivering on the test's thread sends it at once
        AlertDispatcher dispatcher = new AlertDispatcher(outbox, new ComposedAlertOutcomes(outbox, new InMemoryUsageLedger(), audit),
                tenants, twilio, IdGenerator.random(), clock,
                Runnable::run, AlertDispatcher.Sends.on(Runnable::run), AlertDispatcher.Settings.DEFAULT);
        // the end notice is stored and spoken by reference, as the scam warning is
        announcements = new Announcements(new InMemoryAnnouncementStore(), new InMemoryAccountTelephony(), twilio, clock);
        family = new FamilyResponse(links, tenants, calls, contacts, outbox, twilio, announcements,
                new ContactNotices(outbox, dispatcher, IdGenerator.random()), audit, new InMemoryKnownCallers(), null,
                IdGenerator.random(), clock, "https://ethiq.example.com");
        TelephonyCredentials credentials = TestTenantSecrets.randomCredentials();
        account = credentials.accountSid();
        api.registerAccount(account, credentials.authToken().reveal());
        PhoneNumber number = PhoneNumber.of("+33100000042");
        api.addIncomingNumber(account, number.e164());
        TenantId id = TenantId.random();
        secrets.storeTelephony(id, credentials);
        tenant = new Tenant(id, "Mamie Jeanne", AccountStatus.ACTIVE, number, SipAddress.of("sip:jeanne@home.example.com"),
                TenantSettings.defaults().withProtectedPhone(PhoneNumber.of("+33612345678")), clock.instant());
        tenants.create(tenant);
        paul = new EmergencyContact(UUID.randomUUID(), id, "Paul", PhoneNumber.of("+33611111111"), "fils", clock.instant());
        lea = new EmergencyContact(UUID.randomUUID(), id, "Léa", PhoneNumber.of("+33622222222"), "fille", clock.instant());
        contacts.add(paul);
        contacts.add(lea);
        caller = CallSid.of(api.startCall(account));
        conference = ConferenceName.forCall(id, caller);
        // the protected person's leg is a real participant of the conference, rung as the call path rings it
        protectedLeg = twilio.ringProtectedPerson(id, conference, tenant.sipAddress(), number,
                com.ethiq.core.domain.CallerShown.fromRaw("+33999888777", com.ethiq.core.domain.Language.FRENCH), caller,
                java.time.Duration.ofSeconds(25)).leg();
        api.startConference(account, conference.value());
        calls.open(CallLog.started(id, caller, "+33999888777", clock.instant(), CallProtection.PROTECTED));
        calls.updateState(id, caller, CallState.IN_PROGRESS, clock.instant());
        calls.recordRingLeg(id, caller, protectedLeg);
        calls.recordVerdict(id, caller, new Verdict.Scam(0.9, ScamCategory.FAKE_BANK_ADVISER, List.of(), "code"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String linkFor(EmergencyContact contact) {
        var sms = family.compose(tenant, contact, UUID.randomUUID(), caller, ScamCategory.FAKE_BANK_ADVISER, "", clock.instant());
        sms.store().run();
        Matcher m = LINK.matcher(sms.message());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** Participants created for relatives (the protected person's own leg, rung in the set-up, is not counted). */
    private List<RecordedRequest> participantPosts() {
        return api.requests(r -> r.method().equals("POST") && r.path().endsWith("/Participants.json")
                && !"protected".equals(r.param("Label")));
    }

    @Test
    void joinPressedTwiceOnTwoPhonesAtOnceSendsOneAnnouncedParticipantsPost() throws Exception {
        List<String> tokens = List.of(linkFor(paul), linkFor(lea));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<FamilyOutcome>> presses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String token = tokens.get(i % 2);
                presses.add(pool.submit(() -> {
                    go.await();
                    return family.act(token, FamilyAction.JOIN, "198.51.100.7");
                }));
            }
            go.countDown();
            long done = 0;
            for (Future<FamilyOutcome> f : presses) {
                done += f.get(20, TimeUnit.SECONDS) instanceof FamilyOutcome.Done ? 1 : 0;
            }
            assertThat(done).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }

        assertThat(participantPosts()).singleElement().satisfies(r -> {
            assertThat(r.param("From")).isEqualTo("+33100000042");
            assertThat(r.param("To")).isIn("+33611111111", "+33622222222");
            assertThat(r.param("Beep")).isEqualTo("onEnter");
            assertThat(r.param("Label")).isEqualTo("relative");
            assertThat(r.param("EndConferenceOnExit")).isEqualTo("false");
            assertThat(r.pathAccount()).isEqualTo(account);
        });
        assertThat(api.announcements()).singleElement().satisfies(a -> {
            assertThat(a.conferenceName()).isEqualTo(conference.value());
            assertThat(a.query("text")).isEqualTo("Un proche de Mamie Jeanne rejoint cet appel.");
        });
    }

    @Test
    void endTellsTheProtectedLegThenCompletesTheCallersCallOnce() {
        assertThat(family.act(linkFor(lea), FamilyAction.END, "")).isInstanceOf(FamilyOutcome.Done.class);
        assertThat(family.act(linkFor(paul), FamilyAction.END, "")).isInstanceOf(FamilyOutcome.AlreadyDone.class);

        assertThat(api.participantAnnouncements()).singleElement().satisfies(a -> {
            assertThat(a.addressedAs()).isEqualTo(protectedLeg.value());
            // by reference, like the scam warning: no words in the URL; the reference fetches them, once
            assertThat(a.announceUrl().getPath()).isEqualTo("/twilio/announcement");
            assertThat(a.query("text")).isNull();
            assertThat(a.announceUrl().getRawQuery()).matches("ref=[A-Za-z0-9_-]{22}");
            assertThat(announcements.claim(a.query("ref"))).hasValueSatisfying(n -> {
                assertThat(n.text()).startsWith("Léa, un de vos proches, a mis fin à cet appel par précaution.");
                assertThat(n.tenant()).isEqualTo(tenant.id());
                assertThat(n.audience()).isEqualTo(com.ethiq.core.domain.AnnouncementAudience.PROTECTED_PERSON);
            });
            assertThat(announcements.claim(a.query("ref"))).as("a repeated fetch speaks nothing").isEmpty();
        });
        List<RecordedRequest> updates = api.requests(r -> r.method().equals("POST") && r.path().endsWith("/Calls/" + caller.value() + ".json"));
        assertThat(updates).singleElement().satisfies(r -> assertThat(r.param("Status")).isEqualTo("completed"));
        assertThat(api.calls(account)).filteredOn(c -> c.sid().equals(caller.value())).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo("completed"));
        RecordedRequest notice = api.requests(r -> r.path().contains("/Participants/")).get(0);
        assertThat(api.requests().indexOf(notice)).isLessThan(api.requests().indexOf(updates.get(0)));
    }

    @Test
    void handlingSendsOneShortSmsToEachOtherContact() {
        assertThat(family.act(linkFor(paul), FamilyAction.HANDLING, "")).isInstanceOf(FamilyOutcome.Done.class);
        assertThat(family.act(linkFor(paul), FamilyAction.HANDLING, "")).isInstanceOf(FamilyOutcome.AlreadyDone.class);

        assertThat(api.messages(account)).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("+33622222222");
            assertThat(m.from()).isEqualTo("+33100000042");
            assertThat(m.body()).startsWith("Ethiq : Paul s'occupe de l'appel suspect de Mamie Jeanne.");
        });
        assertThat(outbox.forCall(tenant.id(), caller)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(com.ethiq.core.domain.AlertKind.FAMILY_HANDLING);
            assertThat(a.status()).isEqualTo(com.ethiq.core.domain.AlertStatus.SENT);
            assertThat(a.providerReference()).isEqualTo(api.messages(account).get(0).sid());
        });
    }

    @Test
    void aCallThatIsOverDialsNobody() {
        api.endConference(account, conference.value());
        String token = linkFor(paul);
        assertThat(family.act(token, FamilyAction.JOIN, "")).isInstanceOf(FamilyOutcome.Failed.class);
        assertThat(participantPosts()).isEmpty();
        assertThat(links.actions(tenant.id(), caller)).isEmpty();
    }
}
