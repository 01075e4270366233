package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallerListing;
import com.ethiq.core.domain.KnownCaller;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.fake.InMemoryKnownCallers;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The caller screening from the webhook to the alert: blocked callers, warned callers, trusted callers, the claim check. */
class CallerScreeningFlowTest {
    private final InMemoryKnownCallers known = new InMemoryKnownCallers();
    private final CoreHarness h = new CoreHarness(null, b -> b.knownCallers(known));
    private final Tenant tenant = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE, "+33611111111");

    private void list(String phone, CallerListing listing) {
        known.add(new KnownCaller(UUID.randomUUID(), tenant.id(), PhoneNumber.of(phone), "", listing, h.clock.instant()));
    }

    private IncomingCallDecision ring(String sid, String from) {
        IncomingCall call = new IncomingCall(CallSid.of(sid), from, tenant.twilioNumber());
        return h.core.incomingCalls().decide(call, h.core.incomingCalls().resolve(call.to()));
    }

    private CallSession start(String sid) {
        var started = (CallSessions.Started) h.core.callSessions().start(new CallSessions.StreamStart(tenant, CallSid.of(sid)));
        return started.session();
    }

    @Test
    void aBlockedCallerTheAccountRejectsIsRefusedBeforeItRings() {
        list("+33644444444", CallerListing.BLOCKED_REJECT);

        assertThat(ring("CA1", "+33644444444")).isEqualTo(new IncomingCallDecision.Reject("blocked_caller", false));

        h.rings.runAll();
        assertThat(h.callControl.participants).isEmpty();
        assertThat(h.callLogs.find(tenant.id(), CallSid.of("CA1")).orElseThrow().protection()).isEqualTo(CallProtection.REJECTED);
        assertThat(h.audit.all()).anyMatch(e -> e.action().equals("call.rejected_blocked_caller"));
    }

    @Test
    void aBlockedCallerTheAccountWantsToBeWarnedAboutIsProtectedAndStartsSuspicious() {
        list("+33655555555", CallerListing.BLOCKED_WARN);

        assertThat(ring("CA2", "+33655555555")).isInstanceOf(IncomingCallDecision.Protect.class);
        CallSession session = start("CA2");

        assertThat(session.verdict()).isInstanceOf(Verdict.Suspicious.class);
        assertThat(session.verdict().explanation()).contains("block list");
        assertThat(h.callLogs.find(tenant.id(), CallSid.of("CA2")).orElseThrow().verdict()).isEqualTo("suspicious");
    }

    @Test
    void anEmergencyContactIsStillProtectedWithRaisedThresholdsExplained() {
        ring("CA3", "+33611111111");
        CallSession session = start("CA3");

        h.transcriber.say(CallSid.of("CA3"), Speaker.CALLER, "allô mamie c'est moi ton petit fils j'ai eu un accident");

        assertThat(session.verdict().explanation()).contains("trusted caller (emergency contact 'Contact 1')");
        assertThat(session.caller().trust()).isInstanceOf(com.ethiq.core.caller.CallerTrust.Trusted.class);
    }

    @Test
    void aBankClaimFromAStrangersNumberIsExplainedAndTheWarningsSayWhatToDo() {
        ring("CA4", "+33756781234");
        CallSession session = start("CA4");
        CallSid sid = CallSid.of("CA4");

        h.transcriber.say(sid, Speaker.CALLER, "bonjour madame je suis du service anti fraude du crédit agricole");
        h.transcriber.say(sid, Speaker.CALLER, "une opération suspecte de 900 euros a été détectée sur votre compte");
        h.transcriber.say(sid, Speaker.CALLER, "vous allez recevoir un code par sms il faut me le lire tout de suite pour annuler");

        assertThat(session.alertRaised()).isTrue();
        assertThat(h.callLogs.find(tenant.id(), sid).orElseThrow().explanation())
                .contains("claims to be Crédit Agricole; the number is not one of Crédit Agricole's");
        assertThat(h.outbox.forCall(tenant.id(), sid)).filteredOn(a -> a.kind() == AlertKind.SMS).singleElement()
                .satisfies(a -> assertThat(a.message()).endsWith("Raccrochez et appelez le numéro au dos de votre carte bancaire ou votre agence."));
        assertThat(h.outbox.forCall(tenant.id(), sid)).filteredOn(a -> a.kind() != AlertKind.SMS).singleElement()
                .satisfies(a -> assertThat(a.message()).contains("au dos de votre carte"));
    }

    @Test
    void theCarriersCallerIdVerificationIsStoredOnTheCallLogWhenGivenAndOnlyThen() {
        IncomingCall verified = new IncomingCall(CallSid.of("CA6"), "+12025550143", tenant.twilioNumber(),
                com.ethiq.core.caller.Attestation.fromStirVerstat("TN-Validation-Failed-B"));
        h.core.incomingCalls().decide(verified, h.core.incomingCalls().resolve(verified.to()));
        ring("CA7", "+33756781236");

        assertThat(h.callLogs.find(tenant.id(), CallSid.of("CA6")).orElseThrow().callerVerification()).contains("failed");
        assertThat(h.callLogs.find(tenant.id(), CallSid.of("CA7")).orElseThrow().callerVerification()).isEmpty();
    }

    @Test
    void aStrangerWithoutAnyClaimStartsClear() {
        ring("CA5", "+33756781235");
        CallSession session = start("CA5");

        assertThat(session.verdict()).isEqualTo(Verdict.Clear.empty());
        assertThat(h.callLogs.find(tenant.id(), CallSid.of("CA5")).orElseThrow().verdict()).isEqualTo("clear");
    }

    @Test
    void aNumberReportedByThreeAccountsStartsSuspiciousAndAnOptedInAlertReportsIt() {
        var reports = new com.ethiq.core.fake.InMemoryCallerReports();
        var fingerprints = new com.ethiq.core.caller.CallerFingerprints(new byte[32]);
        CoreHarness withReputation = new CoreHarness(null, b -> b.knownCallers(known)
                .callerReputation(reports, fingerprints, com.ethiq.core.caller.CallerReputation.Settings.DEFAULT));
        Tenant mine = withReputation.tenant("Papi Louis", "+33100000009", AccountStatus.ACTIVE, "+33611111119");
        reports.setOptIn(mine.id(), true, withReputation.clock.instant());
        String scammer = "+33756780001";
        for (int i = 0; i < 3; i++) {
            reports.report(new com.ethiq.core.port.CallerReports.Report(com.ethiq.core.domain.TenantId.random(), CallSid.of("CAx" + i),
                    fingerprints.of(PhoneNumber.of(scammer)), com.ethiq.core.detection.ScamCategory.FAKE_BANK_ADVISER,
                    java.time.LocalDate.of(2026, 3, 1), withReputation.clock.instant()));
        }
        IncomingCall call = new IncomingCall(CallSid.of("CA9"), scammer, mine.twilioNumber(),
                com.ethiq.core.caller.Attestation.fromStirVerstat("TN-Validation-Failed-C"));
        withReputation.core.incomingCalls().decide(call, withReputation.core.incomingCalls().resolve(call.to()));
        var session = ((CallSessions.Started) withReputation.core.callSessions()
                .start(new CallSessions.StreamStart(mine, CallSid.of("CA9")))).session();

        assertThat(session.verdict()).isInstanceOf(Verdict.Suspicious.class);
        assertThat(session.verdict().explanation()).contains("reported as a scam by 3 accounts (fake_bank_adviser)")
                .contains("caller-ID verification failed");

        withReputation.transcriber.say(CallSid.of("CA9"), Speaker.CALLER, "bonjour je suis du service fraude de votre banque");
        withReputation.transcriber.say(CallSid.of("CA9"), Speaker.CALLER, "lisez moi le code que vous venez de recevoir par sms");

        assertThat(session.alertRaised()).isTrue();
        assertThat(reports.lookup(fingerprints.of(PhoneNumber.of(scammer)), java.time.LocalDate.of(2026, 1, 1), 3).accounts()).isEqualTo(4);
    }
}
