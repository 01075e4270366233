package com.ethiq.core.caller;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.CallerListing;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.KnownCaller;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryKnownCallers;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallerScreeningTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final InMemoryEmergencyContacts contacts = new InMemoryEmergencyContacts();
    private final InMemoryKnownCallers known = new InMemoryKnownCallers();
    private final CallerScreening screening = new CallerScreening(contacts, known);
    private final TenantId tenant = TenantId.random();

    private void list(String phone, String name, CallerListing listing) {
        known.add(new KnownCaller(UUID.randomUUID(), tenant, PhoneNumber.of(phone), name, listing, T0));
    }

    @Test
    void emergencyContactsAndKnownCallersAreTrustedEveryoneElseIsAStranger() {
        contacts.add(new EmergencyContact(UUID.randomUUID(), tenant, "Sophie", PhoneNumber.of("+33611111111"), "fille", T0));
        list("+33622222222", "Dr Martin", CallerListing.TRUSTED);

        assertThat(screening.screen(tenant, "+33611111111"))
                .isEqualTo(new CallerTrust.Trusted(CallerTrust.Source.EMERGENCY_CONTACT, "Sophie"));
        assertThat(screening.screen(tenant, "+33622222222"))
                .isEqualTo(new CallerTrust.Trusted(CallerTrust.Source.KNOWN_CALLER, "Dr Martin"));
        assertThat(screening.screen(tenant, "+33633333333")).isEqualTo(CallerTrust.STRANGER);
        assertThat(screening.screen(tenant, "anonymous")).isEqualTo(CallerTrust.STRANGER);
        assertThat(screening.screen(tenant, "")).isEqualTo(CallerTrust.STRANGER);
        assertThat(screening.screen(TenantId.random(), "+33622222222")).isEqualTo(CallerTrust.STRANGER);
    }

    @Test
    void aBlockListingCarriesTheAccountsChoiceAndWinsOverAnEmergencyContact() {
        list("+33644444444", "Démarcheur", CallerListing.BLOCKED_REJECT);
        list("+33655555555", "", CallerListing.BLOCKED_WARN);
        contacts.add(new EmergencyContact(UUID.randomUUID(), tenant, "Ex", PhoneNumber.of("+33655555555"), "", T0));

        assertThat(screening.screen(tenant, "+33644444444")).isEqualTo(new CallerTrust.Blocked(true, "Démarcheur"));
        assertThat(screening.screen(tenant, "+33655555555")).isEqualTo(new CallerTrust.Blocked(false, ""));
    }

    @Test
    void withoutTheListsOnlyEmergencyContactsAreTrusted() {
        contacts.add(new EmergencyContact(UUID.randomUUID(), tenant, "Sophie", PhoneNumber.of("+33611111111"), "fille", T0));
        CallerScreening contactsOnly = new CallerScreening(contacts, null);

        assertThat(contactsOnly.screen(tenant, "+33611111111")).isInstanceOf(CallerTrust.Trusted.class);
        assertThat(contactsOnly.screen(tenant, "+33622222222")).isEqualTo(CallerTrust.STRANGER);
    }

    @Test
    void trustedCallersNeedStrongerEvidenceAndTheExplanationSaysSo() {
        contacts.add(new EmergencyContact(UUID.randomUUID(), tenant, "Sophie", PhoneNumber.of("+33611111111"), "fille", T0));
        CallerContext trusted = screening.context(tenant, "+33611111111");
        DetectionThresholds raised = trusted.thresholds(DetectionThresholds.DEFAULT, CallerPolicy.DEFAULT);

        assertThat(raised).isEqualTo(new DetectionThresholds(0.55, 0.9));
        Verdict rules = new Verdict.Scam(0.75, com.ethiq.core.detection.ScamCategory.FAKE_RELATIVE, java.util.List.of(), "score 0.75: x");
        CallerSignals.Judged judged = CallerSignals.defaults().apply(rules, trusted, "", raised);

        assertThat(judged.verdict()).isInstanceOf(Verdict.Suspicious.class);
        assertThat(judged.verdict().score()).isEqualTo(0.75);
        assertThat(judged.verdict().explanation()).contains("caller: trusted caller (emergency contact 'Sophie'): a scam verdict needs a score of 0.9");
        assertThat(CallerSignals.defaults().apply(new Verdict.Scam(0.93, com.ethiq.core.detection.ScamCategory.FAKE_RELATIVE,
                java.util.List.of(), ""), trusted, "", raised).verdict().isScam()).isTrue();
    }

    @Test
    void aWarnedBlockedCallerStartsSuspiciousAStrangerStartsClear() {
        list("+33655555555", "", CallerListing.BLOCKED_WARN);
        CallerSignals signals = CallerSignals.defaults();

        CallerSignals.Judged blocked = signals.apply(Verdict.Clear.empty(), screening.context(tenant, "+33655555555"), "",
                DetectionThresholds.DEFAULT);
        CallerSignals.Judged stranger = signals.apply(Verdict.Clear.empty(), screening.context(tenant, "+33699999999"), "",
                DetectionThresholds.DEFAULT);

        assertThat(blocked.verdict()).isInstanceOf(Verdict.Suspicious.class);
        assertThat(blocked.verdict().explanation()).contains("block list");
        assertThat(stranger.verdict()).isEqualTo(Verdict.Clear.empty());
        assertThat(stranger.cues()).isEmpty();
    }

    @Test
    void aFailedAttestationAndAReportedNumberAreExplainedCuesThatAddUp() {
        CallerContext caller = new CallerContext(CallerScreening.parse("+12025550143"), CallerTrust.STRANGER,
                Attestation.fromStirVerstat("TN-Validation-Failed-B"),
                new Reputation(4, java.util.Set.of(com.ethiq.core.detection.ScamCategory.FAKE_BANK_ADVISER)));

        CallerSignals.Judged judged = CallerSignals.defaults().apply(Verdict.Clear.empty(), caller, "", DetectionThresholds.DEFAULT);

        assertThat(judged.cues()).extracting(CallerCue::id).containsExactly("caller.reported", "caller.attestation_failed");
        assertThat(judged.verdict().score()).isEqualTo(0.46); // 1 - 0.6 * 0.9
        assertThat(judged.verdict().explanation()).contains("reported as a scam by 4 accounts (fake_bank_adviser)")
                .contains("caller-ID verification failed");
    }

    @Test
    void stirVerstatValuesParse() {
        assertThat(Attestation.fromStirVerstat("TN-Validation-Passed-A")).isEqualTo(Attestation.PASSED_A);
        assertThat(Attestation.fromStirVerstat("TN-Validation-Passed-B")).isEqualTo(Attestation.PASSED_B);
        assertThat(Attestation.fromStirVerstat("TN-Validation-Passed-C")).isEqualTo(Attestation.PASSED_C);
        assertThat(Attestation.fromStirVerstat("TN-Validation-Failed-A")).isEqualTo(Attestation.FAILED);
        assertThat(Attestation.fromStirVerstat("No-TN-Validation")).isEqualTo(Attestation.NOT_VERIFIED);
        assertThat(Attestation.fromStirVerstat(null)).isEqualTo(Attestation.ABSENT);
        assertThat(Attestation.fromStirVerstat(" ")).isEqualTo(Attestation.ABSENT);
    }
}
