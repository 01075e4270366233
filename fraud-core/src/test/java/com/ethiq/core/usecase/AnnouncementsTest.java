package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Announcement;
import com.ethiq.core.domain.AnnouncementAudience;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TelephonyPreferences;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.fake.InMemoryAccountTelephony;
import com.ethiq.core.fake.InMemoryAnnouncementStore;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.fake.RecordingCallControl;
import com.ethiq.core.fake.RecordingCallControl.Failure;
import com.ethiq.core.fake.RecordingCallControl.Operation;
import com.ethiq.core.port.CallControl.CallControlException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Spoken warnings by reference: stored once, to the protected person by default, served once, replayed boundedly. */
class AnnouncementsTest {
    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final RecordingCallControl callControl = new RecordingCallControl(clock);
    private final InMemoryAnnouncementStore store = new InMemoryAnnouncementStore();
    private final InMemoryAccountTelephony accounts = new InMemoryAccountTelephony();
    private final Announcements announcements = new Announcements(store, accounts, callControl, clock);
    private final Tenant tenant = new Tenant(TenantId.random(), "Mamie Jeanne", AccountStatus.ACTIVE, PhoneNumber.of("+33970000001"),
            SipAddress.of("sip:jeanne@home.sip.twilio.com"), TenantSettings.defaults(), Instant.parse("2026-03-01T00:00:00Z"));
    private final CallSid call = CallSid.of("CA0123456789abcdef0123456789abcdef");
    private static final String WARNING = "Attention : ne donnez jamais vos codes bancaires.";

    @Test
    void aWarningIsStoredUnderAnOpaqueReferenceAndSpokenToTheProtectedPersonOnly() {
        announcements.say(tenant, call, WARNING, Language.FRENCH, "alert-1");

        RecordingCallControl.Announcement spoken = callControl.announcements().get(0);
        assertThat(spoken.audience()).isEqualTo(AnnouncementAudience.PROTECTED_PERSON);
        assertThat(spoken.conference()).isEqualTo(ConferenceName.forCall(tenant.id(), call));
        Announcement stored = store.replay(tenant.id(), call, 99).orElseThrow(); // the only one of the call
        assertThat(stored.reference()).matches("[A-Za-z0-9_-]{22}").doesNotContain("Attention");
        assertThat(stored.tenant()).isEqualTo(tenant.id());
        assertThat(stored.text()).isEqualTo(WARNING);
    }

    @Test
    void anAccountMayChooseThatEveryoneHearsIt() {
        accounts.save(tenant.id(), TelephonyPreferences.DEFAULT.withAudience(AnnouncementAudience.EVERYONE));
        announcements.say(tenant, call, WARNING, Language.FRENCH, "alert-2");
        assertThat(callControl.announcements()).singleElement()
                .satisfies(a -> assertThat(a.audience()).isEqualTo(AnnouncementAudience.EVERYONE));
    }

    @Test
    void aRetriedAlertReusesItsReferenceAndTheWordsAreServedOnce() {
        callControl.failNext(Operation.ANNOUNCE, 1, Failure.TRANSIENT);
        try {
            announcements.say(tenant, call, WARNING, Language.FRENCH, "alert-3");
        } catch (CallControlException expected) {
            // the dispatcher retries it later
        }
        announcements.say(tenant, call, WARNING, Language.FRENCH, "alert-3");

        Announcement only = store.replay(tenant.id(), call, 99).orElseThrow();
        String ref = only.reference();
        assertThat(announcements.find(ref)).isPresent();
        assertThat(announcements.claim(ref)).isPresent();
        assertThat(announcements.claim(ref)).as("a repeated fetch speaks nothing").isEmpty();
        assertThat(announcements.claim("not a reference")).isEmpty();
        assertThat(announcements.find("../../etc/passwd")).isEmpty();
    }

    @Test
    void aFailedAnnouncementIsRequestedAgainAtMostTwice() {
        announcements.say(tenant, call, WARNING, Language.FRENCH, "alert-4");
        assertThat(announcements.replay(tenant.id(), call, "fetch failed")).isEqualTo(Announcements.Replay.REQUESTED);
        assertThat(announcements.replay(tenant.id(), call, "fetch failed")).isEqualTo(Announcements.Replay.REQUESTED);
        assertThat(announcements.replay(tenant.id(), call, "fetch failed")).isEqualTo(Announcements.Replay.EXHAUSTED);

        assertThat(callControl.announcements()).hasSize(Announcements.MAX_PLAYS);
        assertThat(announcements.replay(tenant.id(), CallSid.of("CA0123456789abcdef0123456789abcdee"), "x"))
                .isEqualTo(Announcements.Replay.EXHAUSTED);
    }

    private static final String END_NOTICE = "Léa, un de vos proches, a mis fin à cet appel par précaution.";
    private final CallSid protectedLeg = CallSid.of("CAfedcba9876543210fedcba9876543210");

    @Test
    void anEndNoticeIsStoredForTheProtectedPersonOnlyAndGivenToTheProviderByReference() {
        // even an account whose warnings everyone hears: the notice is for the person whose call a relative ended
        accounts.save(tenant.id(), TelephonyPreferences.DEFAULT.withAudience(AnnouncementAudience.EVERYONE));
        announcements.endCallWithNotice(tenant, call, protectedLeg, END_NOTICE, Language.FRENCH, "end-1");

        Announcement stored = store.replay(tenant.id(), call, 99).orElseThrow();
        assertThat(stored.audience()).isEqualTo(AnnouncementAudience.PROTECTED_PERSON);
        assertThat(stored.text()).isEqualTo(END_NOTICE);
        assertThat(stored.idempotencyKey()).isEqualTo("end-1");
        assertThat(callControl.endedWithNotice()).singleElement().satisfies(e -> {
            assertThat(e.caller()).isEqualTo(call);
            assertThat(e.protectedLeg()).isEqualTo(protectedLeg);
            assertThat(e.noticeReference()).isEqualTo(stored.reference());
        });
        assertThat(callControl.announcements()).as("nothing spoken to everyone").isEmpty();
        assertThat(announcements.claim(stored.reference())).hasValueSatisfying(a -> assertThat(a.text()).isEqualTo(END_NOTICE));
        assertThat(announcements.claim(stored.reference())).as("fetched once").isEmpty();
    }

    @Test
    void withTheStoreAwayTheEndNoticeGoesInTheUrlToEveryoneAndTheCallStillEnds() {
        Announcements storeAway = new Announcements(new UnavailableStore(), accounts, callControl, clock);
        storeAway.endCallWithNotice(tenant, call, protectedLeg, END_NOTICE, Language.FRENCH, "end-2");

        assertThat(callControl.announcements()).singleElement().satisfies(a -> {
            assertThat(a.message()).isEqualTo(END_NOTICE);
            assertThat(a.audience()).isEqualTo(AnnouncementAudience.EVERYONE);
        });
        assertThat(callControl.hangUps()).singleElement().satisfies(h -> assertThat(h.callSid()).isEqualTo(call));

        // a conference that is not live any more: nothing to say, the call is still ended
        callControl.failNext(Operation.ANNOUNCE, 1, Failure.PERMANENT);
        storeAway.endCallWithNotice(tenant, call, protectedLeg, END_NOTICE, Language.FRENCH, "end-3");
        assertThat(callControl.hangUps()).hasSize(2);
    }

    /** A store whose database is unreachable. */
    private static final class UnavailableStore implements com.ethiq.core.port.AnnouncementStore {
        private static com.ethiq.core.port.PersistenceException down() {
            return new com.ethiq.core.port.PersistenceException("database unavailable", null);
        }

        @Override
        public Announcement saveIfAbsent(Announcement announcement) {
            throw down();
        }

        @Override
        public java.util.Optional<Announcement> find(String reference) {
            throw down();
        }

        @Override
        public java.util.Optional<Announcement> claim(String reference) {
            throw down();
        }

        @Override
        public java.util.Optional<Announcement> replay(TenantId tenant, CallSid call, int maxPlays) {
            throw down();
        }
    }
}
