package com.ethiq.core.family;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.CallerListing;
import com.ethiq.core.domain.KnownCaller;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
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
import com.ethiq.core.fake.RecordingCallControl;
import com.ethiq.core.fake.SequentialIdGenerator;
import com.ethiq.core.fake.InMemoryUsageLedger;
import com.ethiq.core.usecase.AlertDispatcher;
import com.ethiq.core.usecase.ComposedAlertOutcomes;
import com.ethiq.core.usecase.AlertSmsComposer;
import com.ethiq.core.usecase.Announcements;
import com.ethiq.core.usecase.ContactNotices;
import java.time.Duration;
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
import org.junit.jupiter.api.Test;

/** The family response on in-memory fakes: links, the read-only view, exactly-once actions, refusals, audit. */
class FamilyResponseTest {
    private static final String BASE = "https://ethiq.example.com";
    private static final Pattern LINK = Pattern.compile(Pattern.quote(BASE) + "/f/([A-Za-z0-9_-]{22})");

    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final SequentialIdGenerator ids = new SequentialIdGenerator();
    private final InMemoryTenants tenants = new InMemoryTenants();
    private final InMemoryEmergencyContacts contacts = new InMemoryEmergencyContacts();
    private final InMemoryCallLogs calls = new InMemoryCallLogs();
    private final InMemoryAlertOutbox outbox = new InMemoryAlertOutbox();
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private final InMemoryKnownCallers known = new InMemoryKnownCallers();
    private final InMemoryFamilyLinks links = new InMemoryFamilyLinks();
    private final RecordingCallControl telephony = new RecordingCallControl(clock);
    /** Delivers on the test's thread: a notice recorded is sent before the action returns. */
    private final AlertDispatcher dispatcher = new AlertDispatcher(outbox, new ComposedAlertOutcomes(outbox, new InMemoryUsageLedger(), audit),
            tenants, telephony, ids, clock,
                Runnable::run, AlertDispatcher.Sends.on(Runnable::run), AlertDispatcher.Settings.DEFAULT);
    private final InMemoryAnnouncementStore spoken = new InMemoryAnnouncementStore();
    private final FamilyResponse family = new FamilyResponse(links, tenants, calls, contacts, outbox, telephony,
            new Announcements(spoken, new InMemoryAccountTelephony(), telephony, clock), new ContactNotices(outbox, dispatcher, ids),
            audit, known, null, ids, clock, BASE);

    private final Tenant tenant;
    private final EmergencyContact paul;
    private final EmergencyContact lea;
    private final CallSid call = CallSid.of("CA00000000000000000000000000000001");

    FamilyResponseTest() {
        TenantId id = new TenantId(ids.newId());
        tenant = new Tenant(id, "Mamie Jeanne", AccountStatus.ACTIVE, PhoneNumber.of("+33100000001"),
                SipAddress.of("sip:jeanne@home.example.com"),
                TenantSettings.defaults().withProtectedPhone(PhoneNumber.of("+33612345678")), clock.instant());
        tenants.create(tenant);
        paul = new EmergencyContact(ids.newId(), id, "Paul", PhoneNumber.of("+33611111111"), "fils", clock.instant());
        lea = new EmergencyContact(ids.newId(), id, "Léa", PhoneNumber.of("+33622222222"), "fille", clock.instant());
        contacts.add(paul);
        contacts.add(lea);
        calls.open(CallLog.started(id, call, "+33999888777", clock.instant(), CallProtection.PROTECTED));
        calls.updateState(id, call, CallState.IN_PROGRESS, clock.instant());
        calls.recordRingLeg(id, call, CallSid.of("CA00000000000000000000000000000leg"));
        calls.recordVerdict(id, call, new Verdict.Scam(0.9, ScamCategory.FAKE_BANK_ADVISER, List.of(),
                "score 0.98: request 'envoyer un code par sms' (turn 4, caller, req.code); claim 'service fraude' (turn 0)"));
    }

    /** The token of a composed SMS, its link stored as the alert recording would. */
    private String linkFor(EmergencyContact contact) {
        AlertSmsComposer.Composed sms = family.compose(tenant, contact, ids.newId(), call, ScamCategory.FAKE_BANK_ADVISER, "",
                clock.instant());
        sms.store().run();
        Matcher m = LINK.matcher(sms.message());
        assertThat(m.find()).as(sms.message()).isTrue();
        return m.group(1);
    }

    private CallView viewOf(FamilyOutcome outcome) {
        if (outcome instanceof FamilyOutcome.Shown s) {
            return s.view();
        }
        if (outcome instanceof FamilyOutcome.Done d) {
            return d.view();
        }
        if (outcome instanceof FamilyOutcome.AlreadyDone d) {
            return d.view();
        }
        if (outcome instanceof FamilyOutcome.NotNow n) {
            return n.view();
        }
        throw new AssertionError("no view in " + outcome);
    }

    @Test
    void theSmsCarriesAUniqueLinkWhoseHashAloneIsStored() {
        AlertSmsComposer.Composed sms = family.compose(tenant, paul, ids.newId(), call, ScamCategory.FAKE_BANK_ADVISER, "",
                clock.instant());
        assertThat(sms.message()).contains("Mamie Jeanne", "faux conseiller bancaire", "+33612345678");
        assertThat(links.forCall(tenant.id(), call)).isEmpty();
        sms.store().run();

        Matcher m = LINK.matcher(sms.message());
        assertThat(m.find()).isTrue();
        FamilyLink stored = links.forCall(tenant.id(), call).get(0);
        assertThat(stored.tokenHash()).isEqualTo(FamilyTokens.hash(m.group(1))).doesNotContain(m.group(1));
        assertThat(stored.contactId()).isEqualTo(paul.id());
        assertThat(stored.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        assertThat(linkFor(paul)).isNotEqualTo(m.group(1));
    }

    @Test
    void theLinkShowsThatCallOnlyAndNeverActs() {
        String token = linkFor(paul);
        CallView v = viewOf(family.show(token));

        assertThat(v.protectedName()).isEqualTo("Mamie Jeanne");
        assertThat(v.protectedPhone()).isEqualTo("+33612345678");
        assertThat(v.recipientName()).isEqualTo("Paul");
        assertThat(v.scamKind()).isEqualTo("faux conseiller bancaire");
        assertThat(v.why()).isEqualTo("« envoyer un code par sms », « service fraude »");
        assertThat(v.live()).isTrue();
        assertThat(v.available()).containsExactlyInAnyOrder("join", "end", "handling", "false-alarm", "block");
        assertThat(v.toString()).doesNotContain("+33999888777", "+33611111111", "+33622222222");
        assertThat(telephony.deliveries()).isEmpty();
        assertThat(links.actions(tenant.id(), call)).isEmpty();
    }

    @Test
    void unknownMalformedExpiredAndRevokedLinksShowNothing() {
        assertThat(family.show(FamilyTokens.newToken())).isInstanceOf(FamilyOutcome.Unknown.class);
        assertThat(family.show("../../etc/passwd")).isInstanceOf(FamilyOutcome.Unknown.class);
        assertThat(family.show(null)).isInstanceOf(FamilyOutcome.Unknown.class);
        String token = linkFor(paul);
        clock.advance(Duration.ofDays(7));
        assertThat(family.show(token)).isInstanceOf(FamilyOutcome.Gone.class);
        assertThat(family.act(token, FamilyAction.JOIN, "1.2.3.4")).isInstanceOf(FamilyOutcome.Gone.class);

        String other = linkFor(lea);
        assertThat(family.revokeLinks(tenant.id(), call, "user:admin")).isEqualTo(2);
        assertThat(family.show(other)).isInstanceOf(FamilyOutcome.Gone.class);
        assertThat(telephony.deliveries()).isEmpty();
    }

    @Test
    void joinAddsTheRelativeOnceAnnouncedFromTheTenantsNumber() {
        String token = linkFor(paul);
        assertThat(family.act(token, FamilyAction.JOIN, "1.2.3.4")).isInstanceOf(FamilyOutcome.Done.class);
        FamilyOutcome again = family.act(token, FamilyAction.JOIN, "1.2.3.4");

        assertThat(again).isInstanceOf(FamilyOutcome.AlreadyDone.class);
        assertThat(telephony.relativesJoined()).singleElement().satisfies(j -> {
            assertThat(j.relative()).isEqualTo(paul.phone());
            assertThat(j.callerId()).isEqualTo(tenant.twilioNumber());
            assertThat(j.announcement()).isEqualTo("Un proche de Mamie Jeanne rejoint cet appel.");
            assertThat(j.conference().value()).endsWith(call.value());
        });
        assertThat(viewOf(again).done()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo("join");
            assertThat(d.by()).isEqualTo("Paul");
        });
        AuditEvent joined = audit.all().stream().filter(e -> e.action().equals("family.join")).findFirst().orElseThrow();
        assertThat(joined.actor()).isEqualTo("contact:" + paul.id());
        assertThat(joined.ip()).isEqualTo("1.2.3.4");
    }

    @Test
    void twoPhonesPressingJoinAtOnceAddOneParticipant() throws Exception {
        List<String> tokens = List.of(linkFor(paul), linkFor(lea), linkFor(paul), linkFor(lea));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<FamilyOutcome>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String token = tokens.get(i % tokens.size());
                results.add(pool.submit(() -> {
                    go.await();
                    return family.act(token, FamilyAction.JOIN, "10.0.0.1");
                }));
            }
            go.countDown();
            int done = 0;
            for (Future<FamilyOutcome> f : results) {
                done += f.get(10, TimeUnit.SECONDS) instanceof FamilyOutcome.Done ? 1 : 0;
            }
            assertThat(done).isEqualTo(1);
            assertThat(telephony.relativesJoined()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void joinAndEndOnlyWhileTheCallIsLiveAndJoinOnlyForAllowedContacts() {
        EmergencyContact noJoin = new EmergencyContact(ids.newId(), tenant.id(), "Voisin", PhoneNumber.of("+33633333333"), "",
                clock.instant(), false);
        contacts.add(noJoin);
        FamilyOutcome refused = family.act(linkFor(noJoin), FamilyAction.JOIN, "");
        assertThat(refused).isInstanceOfSatisfying(FamilyOutcome.NotNow.class, n -> assertThat(n.reason()).isEqualTo("join-not-allowed"));

        calls.updateState(tenant.id(), call, CallState.ENDED, clock.instant());
        String token = linkFor(paul);
        assertThat(family.act(token, FamilyAction.JOIN, "")).isInstanceOfSatisfying(FamilyOutcome.NotNow.class,
                n -> assertThat(n.reason()).isEqualTo("call-ended"));
        assertThat(family.act(token, FamilyAction.END, "")).isInstanceOf(FamilyOutcome.NotNow.class);
        assertThat(viewOf(family.show(token)).available()).containsExactlyInAnyOrder("handling", "false-alarm", "block");
        assertThat(family.act(token, FamilyAction.FALSE_ALARM, "")).isInstanceOf(FamilyOutcome.Done.class);
        assertThat(telephony.deliveries()).isEmpty();
    }

    @Test
    void aFalseAlarmIsReportedOnceToTheObserverWithTheCallsExplanation() {
        java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        family.observe(new com.ethiq.core.usecase.CallObserver() {
            @Override
            public void falseAlarm(com.ethiq.core.domain.TenantId t, com.ethiq.core.domain.CallSid sid, String explanation) {
                heard.add(t + "|" + sid.value() + "|" + explanation);
            }
        });
        String token = linkFor(paul);
        family.act(token, FamilyAction.FALSE_ALARM, "");
        family.act(token, FamilyAction.FALSE_ALARM, "");

        String explanation = calls.find(tenant.id(), call).orElseThrow().explanation();
        assertThat(heard).containsExactly(tenant.id() + "|" + call.value() + "|" + (explanation == null ? "" : explanation));
    }

    @Test
    void endSaysASentenceToTheProtectedPersonThenHangsUpTheCaller() {
        String token = linkFor(lea);
        assertThat(family.act(token, FamilyAction.END, "")).isInstanceOf(FamilyOutcome.Done.class);
        assertThat(family.act(linkFor(paul), FamilyAction.END, "")).isInstanceOf(FamilyOutcome.AlreadyDone.class);

        assertThat(telephony.endedWithNotice()).singleElement().satisfies(e -> {
            assertThat(e.caller()).isEqualTo(call);
            assertThat(e.protectedLeg()).isEqualTo(CallSid.of("CA00000000000000000000000000000leg"));
            assertThat(e.notice()).startsWith("Léa, un de vos proches, a mis fin à cet appel");
            // stored, so the provider fetches the words by reference (the announcement route serves them once)
            assertThat(spoken.claim(e.noticeReference())).hasValueSatisfying(a -> {
                assertThat(a.text()).isEqualTo(e.notice());
                assertThat(a.audience()).isEqualTo(com.ethiq.core.domain.AnnouncementAudience.PROTECTED_PERSON);
            });
        });
    }

    @Test
    void handlingTellsTheOtherContactsOnceAndShowsWhoHandlesIt() {
        String token = linkFor(paul);
        assertThat(family.act(token, FamilyAction.HANDLING, "")).isInstanceOf(FamilyOutcome.Done.class);
        assertThat(family.act(linkFor(lea), FamilyAction.HANDLING, "")).isInstanceOf(FamilyOutcome.AlreadyDone.class);

        assertThat(telephony.smsSent()).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo(lea.phone());
            assertThat(s.from()).isEqualTo(tenant.twilioNumber());
            assertThat(s.body()).isEqualTo("Ethiq : Paul s'occupe de l'appel suspect de Mamie Jeanne. Votre lien d'alerte montre la suite.");
        });
        assertThat(viewOf(family.show(linkFor(lea))).handledBy()).isEqualTo("Paul");
    }

    @Test
    void handlingSmsIsAnOutboxNoticeOfItsOwnKindSentOnceRetriedAndAudited() {
        telephony.failNext(RecordingCallControl.Operation.SMS, 1, RecordingCallControl.Failure.TRANSIENT);
        assertThat(family.act(linkFor(paul), FamilyAction.HANDLING, "")).isInstanceOf(FamilyOutcome.Done.class);

        // recorded before any send: the first attempt failed, the notice waits in the outbox for its retry
        Alert notice = outbox.forCall(tenant.id(), call).stream().filter(a -> a.kind() == AlertKind.FAMILY_HANDLING)
                .reduce((a, b) -> { throw new AssertionError("one notice expected"); }).orElseThrow();
        assertThat(notice.recipient()).isEqualTo(new AlertRecipient.ContactNotice(AlertKind.FAMILY_HANDLING, lea.phone()));
        assertThat(notice.status()).isEqualTo(AlertStatus.PENDING);
        assertThat(telephony.smsSent()).isEmpty();

        clock.advance(Duration.ofMinutes(10));
        dispatcher.dispatchDue();
        dispatcher.dispatchDue();
        assertThat(telephony.smsSent()).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo(lea.phone());
            assertThat(s.idempotencyKey()).isEqualTo(notice.idempotencyKey());
        });
        assertThat(outbox.forCall(tenant.id(), call)).filteredOn(a -> a.kind() == AlertKind.FAMILY_HANDLING).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(AlertStatus.SENT));
        assertThat(audit.all()).filteredOn(e -> e.action().equals("alert.sent") && e.target().equals(notice.id().toString()))
                .singleElement().satisfies(e -> assertThat(e.details()).containsEntry("kind", "family_handling"));
        // the scam SMS list of the page is not the notices: nobody counts as alerted by "I'm on it"
        assertThat(viewOf(family.show(linkFor(lea))).alerted()).isEmpty();
    }

    @Test
    void blockListsTheCallerAndAFailedActionCanBeTriedAgain() {
        String token = linkFor(paul);
        assertThat(family.act(token, FamilyAction.BLOCK, "")).isInstanceOf(FamilyOutcome.Done.class);
        assertThat(known.findByPhone(tenant.id(), PhoneNumber.of("+33999888777"))).hasValueSatisfying(
                k -> assertThat(k.listing()).isEqualTo(CallerListing.BLOCKED_REJECT));

        telephony.failNext(RecordingCallControl.Operation.ADD_PARTICIPANT, 1, RecordingCallControl.Failure.TRANSIENT);
        assertThat(family.act(token, FamilyAction.JOIN, "")).isInstanceOf(FamilyOutcome.Failed.class);
        assertThat(links.actions(tenant.id(), call)).extracting(FamilyActionTaken::action).containsExactly("block");
        assertThat(family.act(token, FamilyAction.JOIN, "")).isInstanceOf(FamilyOutcome.Done.class);
        assertThat(telephony.relativesJoined()).hasSize(1);
    }

    @Test
    void blockStoresTheAccountsChoiceWarnAndOverridesATrustedListing() {
        tenants.updateSettings(tenant.id(), tenant.settings().withBlockedCallers(CallerListing.BLOCKED_WARN));
        PhoneNumber caller = PhoneNumber.of("+33999888777");
        known.add(new KnownCaller(ids.newId(), tenant.id(), caller, "Le neveu", CallerListing.TRUSTED, clock.instant()));

        assertThat(family.act(linkFor(paul), FamilyAction.BLOCK, "")).isInstanceOf(FamilyOutcome.Done.class);

        assertThat(known.findByPhone(tenant.id(), caller)).hasValueSatisfying(k -> {
            assertThat(k.listing()).isEqualTo(CallerListing.BLOCKED_WARN);
            assertThat(k.name()).isEqualTo("Le neveu");
        });
    }

    @Test
    void aMemberActsWithTheSameOnceRuleAndNamesWhoJoins() {
        TenantId other = new TenantId(UUID.randomUUID());
        assertThat(family.actAsMember(other, call, FamilyAction.END, "u1", "Admin", null, "")).isInstanceOf(FamilyOutcome.Unknown.class);
        assertThat(family.actAsMember(tenant.id(), call, FamilyAction.JOIN, "u1", "Admin", null, ""))
                .isInstanceOfSatisfying(FamilyOutcome.NotNow.class, n -> assertThat(n.reason()).isEqualTo("contact-required"));
        assertThat(family.actAsMember(tenant.id(), call, FamilyAction.JOIN, "u1", "Admin", lea.id(), "")).isInstanceOf(FamilyOutcome.Done.class);
        assertThat(family.act(linkFor(paul), FamilyAction.JOIN, "")).isInstanceOf(FamilyOutcome.AlreadyDone.class);
        assertThat(telephony.relativesJoined()).singleElement().satisfies(j -> assertThat(j.relative()).isEqualTo(lea.phone()));
        assertThat(audit.all()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("family.join");
            assertThat(e.actor()).isEqualTo("user:u1");
        });
    }
}
