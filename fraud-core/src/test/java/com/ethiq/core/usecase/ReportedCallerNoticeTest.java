package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.caller.CallerFingerprints;
import com.ethiq.core.caller.CallerReputation;
import com.ethiq.core.caller.Reputation;
import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AlertPreferences;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.fake.InMemoryCallerReports;
import com.ethiq.core.port.CallerReports;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The family texted at ring time when a number reported by enough accounts calls: once per call, in GSM-7. */
class ReportedCallerNoticeTest {
    private final InMemoryCallerReports reports = new InMemoryCallerReports();
    private final CallerFingerprints fingerprints = new CallerFingerprints(new byte[32]);
    private final CoreHarness h = new CoreHarness(null, b -> b.callerReputation(reports, fingerprints, CallerReputation.Settings.DEFAULT));
    private final Tenant tenant = h.tenant("Mamie Françoise", "+33100000021", AccountStatus.ACTIVE, "+33611111121", "+33611111122");

    private void reportedBy(String number, int accounts) {
        for (int i = 0; i < accounts; i++) {
            reports.report(new CallerReports.Report(TenantId.random(), CallSid.of("CAr" + number.substring(1) + i),
                    fingerprints.of(PhoneNumber.of(number)), ScamCategory.FAKE_BANK_ADVISER, LocalDate.of(2026, 3, 1), h.clock.instant()));
        }
    }

    private void ring(Tenant t, String sid, String from) {
        IncomingCall call = new IncomingCall(CallSid.of(sid), from, t.twilioNumber());
        h.core.incomingCalls().decide(call, h.core.incomingCalls().resolve(call.to()));
    }

    private long notices(Tenant t, String sid) {
        return h.outbox.forCall(t.id(), CallSid.of(sid)).stream().filter(a -> a.kind() == AlertKind.REPORTED_CALLER).count();
    }

    @Test
    void aNumberReportedByThreeAccountsTextsEachContactOnceWhileThePhoneRingsEvenIfTheWebhookIsReplayed() {
        reportedBy("+33756790001", 3);

        ring(tenant, "CAn1", "+33756790001");
        ring(tenant, "CAn1", "+33756790001");

        assertThat(notices(tenant, "CAn1")).isEqualTo(2);
        assertThat(h.callControl.sent).filteredOn(s -> s.body().contains("signalé comme arnaque par 3 comptes"))
                .extracting(CoreHarness.StubCallControl.Sent::to).containsExactlyInAnyOrder("+33611111121", "+33611111122");
        assertThat(h.callControl.sent).noneMatch(s -> s.body().contains("756790001"));
        assertThat(h.audit.all()).filteredOn(e -> e.action().equals("caller.reported_notice")).hasSize(1);
    }

    @Test
    void aNumberReportedByOneOrTwoAccountsTellsNobody() {
        reportedBy("+33756790002", 2);

        ring(tenant, "CAn2", "+33756790002");

        assertThat(notices(tenant, "CAn2")).isZero();
        assertThat(h.callControl.sent).isEmpty();
    }

    @Test
    void anAccountThatDoesNotTextItsContactsIsNotTextedAtRingTimeEither() {
        reportedBy("+33756790003", 3);
        TenantSettings quiet = TenantSettings.defaults().withAlerts(new AlertPreferences(false, true));
        Tenant t = new Tenant(new TenantId(UUID.randomUUID()), "Papi", AccountStatus.ACTIVE, PhoneNumber.of("+33100000022"),
                SipAddress.of("sip:papi@home.example.com"), quiet, h.clock.instant());
        h.tenants.create(t);

        ring(t, "CAn3", "+33756790003");

        assertThat(notices(t, "CAn3")).isZero();
    }

    @Test
    void aReportedNumberThatIsTheAccountsOwnEmergencyContactIsNotAnnounced() {
        reportedBy("+33611111121", 3);

        ring(tenant, "CAn4", "+33611111121");

        assertThat(notices(tenant, "CAn4")).isZero();
    }

    @Test
    void bothLanguagesStayWithinGsm7AndOneSegmentWhateverTheDisplayName() {
        for (Language language : Language.values()) {
            Tenant named = new Tenant(tenant.id(), "Mamie Françoise-Hélène Lê (Île-de-France) ✓", AccountStatus.ACTIVE,
                    tenant.twilioNumber(), tenant.sipAddress(), TenantSettings.defaults().withLanguage(language), h.clock.instant());
            String sms = ReportedCallerMessages.sms(named, new Reputation(12, Set.of(ScamCategory.FAKE_BANK_ADVISER)));

            assertThat(ReportedCallerMessages.isGsm7(sms)).as(sms).isTrue();
            assertThat(sms).contains("Mamie Francoise-Hélène Le (Ile-de-France) ?").contains("12");
        }
        assertThat(ReportedCallerMessages.sms(tenant, new Reputation(3, Set.of())).length()).isLessThanOrEqualTo(160);
        assertThat(ReportedCallerMessages.isGsm7("ê")).isFalse();
    }
}
