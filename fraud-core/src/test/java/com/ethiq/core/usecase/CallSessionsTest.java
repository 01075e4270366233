package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.port.ScamAnalyzer;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallSessionsTest {
    private static final List<String> BANK_SCAM = List.of(
            "bonjour madame je suis conseiller au service anti fraude de votre banque",
            "nous avons détecté une opération suspecte de 1500 euros sur votre carte bancaire",
            "pour annuler l'opération vous allez recevoir un code par sms il faut me le lire tout de suite");

    private CallSession start(CoreHarness h, Tenant tenant, String sid) {
        IncomingCallService incoming = h.core.incomingCalls();
        var call = new IncomingCall(CallSid.of(sid), "+33700000009", tenant.twilioNumber());
        incoming.decide(call, incoming.resolve(call.to()));
        var result = h.core.callSessions().start(new CallSessions.StreamStart(tenant, CallSid.of(sid)));
        assertThat(result).isInstanceOf(CallSessions.Started.class);
        return ((CallSessions.Started) result).session();
    }

    private static void play(CoreHarness h, CallSession s, List<String> callerLines, String calleeReply) {
        for (String line : callerLines) {
            h.transcriber.say(s.callSid(), Speaker.CALLER, line);
            h.transcriber.say(s.callSid(), Speaker.CALLEE, calleeReply);
        }
    }

    @Test
    void aScamCallAlertsEveryContactAndTheConferenceExactlyOnce() {
        CoreHarness h = new CoreHarness();
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE, "+33611111111", "+33622222222");
        CallSession s = start(h, t, "CA100");
        play(h, s, BANK_SCAM, "ah bon d'accord");
        h.transcriber.say(s.callSid(), Speaker.CALLEE, "attendez le code c'est 4 8 2 9 1 7");
        // More scam talk after the alert must not send anything again.
        play(h, s, BANK_SCAM, "oui");

        assertThat(s.alertRaised()).isTrue();
        assertThat(h.callControl.sent()).extracting(CoreHarness.StubCallControl.Sent::kind)
                .containsExactlyInAnyOrder("announcement", "sms", "sms");
        assertThat(h.callControl.sent()).extracting(CoreHarness.StubCallControl.Sent::to)
                .contains("+33611111111", "+33622222222", s.conference().value());
        assertThat(h.callControl.sent()).allMatch(x -> x.tenant().equals(t.id()));
        assertThat(h.outbox.forCall(t.id(), s.callSid())).hasSize(3).allMatch(a -> a.status() == AlertStatus.SENT);
        var log = h.callLogs.find(t.id(), s.callSid()).orElseThrow();
        assertThat(log.fraudDetected()).isTrue();
        assertThat(log.category()).isNotEqualTo(ScamCategory.NONE);
        assertThat(h.callLogs.transcript(t.id(), s.callSid())).isNotEmpty().allMatch(seg -> seg.isFinal());
    }

    @Test
    void aScamIsRaisedOnceOnTheRaiseExecutorNeverOnTheThreadThatJudgedIt() {
        java.util.List<Runnable> raises = new java.util.ArrayList<>();
        CoreHarness h = new CoreHarness(null, b -> b.transcriptExecutor(raises::add));
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE, "+33611111111");
        CallSession s = start(h, t, "CA110");
        play(h, s, BANK_SCAM, "ah bon d'accord");
        h.transcriber.say(s.callSid(), Speaker.CALLEE, "attendez le code c'est 4 8 2 9 1 7");

        assertThat(s.alertRaised()).as("judged a scam on the delivering thread").isTrue();
        assertThat(raises).as("one raise handed off").hasSize(1);
        assertThat(h.callControl.sent()).as("the judging thread did not wait for the alerts' commit").isEmpty();
        assertThat(h.outbox.forCall(t.id(), s.callSid())).isEmpty();

        play(h, s, BANK_SCAM, "oui"); // more scam talk: still one raise
        assertThat(raises).hasSize(1);
        raises.remove(0).run();

        assertThat(h.callControl.sent()).extracting(CoreHarness.StubCallControl.Sent::kind)
                .containsExactlyInAnyOrder("announcement", "sms");
        assertThat(h.outbox.forCall(t.id(), s.callSid())).hasSize(2).allMatch(a -> a.status() == AlertStatus.SENT);
        assertThat(h.callLogs.find(t.id(), s.callSid()).orElseThrow().fraudDetected()).isTrue();
    }

    @Test
    void aLegitimateCallRaisesNothing() {
        CoreHarness h = new CoreHarness();
        Tenant t = h.tenant("Papi Louis", "+33100000002", AccountStatus.ACTIVE, "+33611111111");
        CallSession s = start(h, t, "CA200");
        play(h, s, List.of("coucou papi c'est Léa", "je voulais savoir si tu viens manger dimanche",
                "maman fait un gigot on sera tous là"), "oh oui avec plaisir ma chérie");
        s.end();
        assertThat(s.alertRaised()).isFalse();
        assertThat(h.callControl.sent()).isEmpty();
        var log = h.callLogs.find(t.id(), s.callSid()).orElseThrow();
        assertThat(log.fraudDetected()).isFalse();
        assertThat(log.state()).isEqualTo(CallState.ENDED);
    }

    @Test
    void aSecondSocketForTheSameCallIsRefusedAndDoesNotDoubleTranscription() {
        CoreHarness h = new CoreHarness();
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        start(h, t, "CA300");
        var second = h.core.callSessions().start(new CallSessions.StreamStart(t, CallSid.of("CA300")));
        assertThat(second).isEqualTo(new CallSessions.AlreadyActive(CallSid.of("CA300")));
        assertThat(h.transcriber.opened.get()).isEqualTo(2); // one stream per track, once
    }

    @Test
    void endingAppliesOnceClosesStreamsAndRecordsUsage() {
        CoreHarness h = new CoreHarness();
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        CallSession s = start(h, t, "CA400");
        s.onAudio(Speaker.CALLER, new byte[160]);
        s.onAudio(Speaker.CALLEE, new byte[160]);
        h.clock.advance(Duration.ofSeconds(30));
        s.end();
        s.end();
        s.onAudio(Speaker.CALLER, new byte[160]);
        assertThat(s.audioBytes(Speaker.CALLER)).isEqualTo(160);
        assertThat(h.transcriber.closed.get()).isEqualTo(2);
        assertThat(h.core.callSessions().liveCount()).isZero();
        var month = h.usage.monthly(t.id(), YearMonth.of(2026, 3));
        assertThat(month.total(UsageKind.CALLS)).isEqualTo(1);
        assertThat(month.total(UsageKind.SPEECH_MILLIS)).isEqualTo(30_000);
        assertThat(month.total(UsageKind.CALL_MILLIS)).as("protected time, from the stream's start to the end").isEqualTo(30_000);
        assertThat(h.audit.recent(t.id(), 10)).filteredOn(e -> e.action().equals("call.ended")).hasSize(1);
    }

    @Test
    void billingReportedAfterTheCallEndedIsStillRecorded() {
        CoreHarness h = new CoreHarness();
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        CallSession s = start(h, t, "CA410");
        s.end();
        h.transcriber.listeners.get("CA410/caller").onBilled(Duration.ofSeconds(7));
        assertThat(h.usage.monthly(t.id(), YearMonth.of(2026, 3)).total(UsageKind.SPEECH_MILLIS)).isEqualTo(37_000);
    }

    @Test
    void aStatusCallbackEndsTheLiveSession() {
        CoreHarness h = new CoreHarness();
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        CallSession s = start(h, t, "CA450");
        assertThat(h.core.callStatus().onCallStatus(t.id(), s.callSid(), CallState.IN_PROGRESS)).isTrue();
        assertThat(s.isEnded()).as("only the end of the call ends the session").isFalse();
        assertThat(h.core.callStatus().onCallStatus(t.id(), s.callSid(), CallState.ENDED)).isTrue();
        assertThat(s.isEnded()).isTrue();
        assertThat(h.core.callStatus().onCallStatus(t.id(), CallSid.of("CA451"), CallState.ENDED)).as("unknown call").isFalse();
    }

    @Test
    void aMediaStreamErrorMarksTheCallNotListenedToWithoutEndingIt() {
        CoreHarness h = new CoreHarness();
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        CallSession s = start(h, t, "CA460");

        assertThat(h.core.callStatus().onMediaStreamFailed(t.id(), s.callSid())).isTrue();

        assertThat(h.callLogs.find(t.id(), s.callSid()).orElseThrow().protection()).isEqualTo(CallProtection.UNPROTECTED_NO_MEDIA);
        assertThat(s.isEnded()).isFalse();
        Tenant other = h.tenant("Papi Louis", "+33100000002", AccountStatus.ACTIVE);
        assertThat(h.core.callStatus().onMediaStreamFailed(other.id(), s.callSid())).as("another tenant's call").isFalse();
        assertThat(h.callLogs.find(t.id(), s.callSid()).orElseThrow().protection()).isEqualTo(CallProtection.UNPROTECTED_NO_MEDIA);
    }

    @Test
    void lostSpeechMarksTheCallUnprotectedWithoutEndingIt() {
        CoreHarness h = new CoreHarness();
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        CallSession s = start(h, t, "CA500");
        h.transcriber.fail(s.callSid(), Speaker.CALLER, "speech service unavailable");
        assertThat(s.isEnded()).isFalse();
        assertThat(h.callLogs.find(t.id(), s.callSid()).orElseThrow().protection())
                .isEqualTo(CallProtection.UNPROTECTED_SPEECH_UNAVAILABLE);
    }

    @Test
    void theAiCanTipASuspiciousCallIntoAScamButNeverClearsOne() {
        AtomicInteger requests = new AtomicInteger();
        ScamAnalyzer sure = request -> {
            requests.incrementAndGet();
            assertThat(request.window()).isNotEmpty();
            return new AiAnalysis(true, 0.95, ScamCategory.FAKE_BANK_ADVISER, List.of("demande un code reçu par SMS"),
                    List.of(0), "Ne donnez jamais un code reçu par SMS.", "test-model", new ScamAnalyzer.TokenUsage(300, 40));
        };
        CoreHarness h = new CoreHarness(sure);
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE, "+33611111111");
        CallSession s = start(h, t, "CA600");
        // Suspicious but not conclusive for the rules alone: a claimed bank and a suspicious operation.
        h.transcriber.say(s.callSid(), Speaker.CALLER, "bonjour je suis conseiller au service anti fraude de votre banque");
        h.transcriber.say(s.callSid(), Speaker.CALLER, "nous avons détecté une opération suspecte sur votre compte");
        if (requests.get() > 0) {
            assertThat(s.alertRaised()).isTrue();
            var month = h.usage.monthly(t.id(), YearMonth.of(2026, 3));
            assertThat(month.total(UsageKind.AI_PROMPT_TOKENS)).isEqualTo(300L * requests.get());
            assertThat(h.callLogs.find(t.id(), s.callSid()).orElseThrow().ai()).isPresent();
            assertThat(h.callControl.sent()).anyMatch(x -> x.kind().equals("announcement") && x.body().contains("code reçu par SMS"));
        }

        ScamAnalyzer denies = request -> new AiAnalysis(false, 0.99, ScamCategory.NONE, List.of("tout va bien"), List.of(),
                "", "test-model", new ScamAnalyzer.TokenUsage(10, 5));
        CoreHarness h2 = new CoreHarness(denies);
        Tenant t2 = h2.tenant("Papi Louis", "+33100000002", AccountStatus.ACTIVE, "+33611111111");
        CallSession s2 = start(h2, t2, "CA601");
        play(h2, s2, BANK_SCAM, "d'accord");
        h2.transcriber.say(s2.callSid(), Speaker.CALLEE, "le code c'est 4 8 2 9 1 7");
        assertThat(s2.alertRaised()).as("rules still decide when the AI says all is well").isTrue();
    }

    @Test
    void whenTheAiIsDownOrOverBudgetTheRulesDecideAlone() {
        AtomicInteger calls = new AtomicInteger();
        ScamAnalyzer down = request -> {
            calls.incrementAndGet();
            throw new ScamAnalyzer.AnalysisUnavailableException("timeout", false, null, null);
        };
        CoreHarness h = new CoreHarness(down);
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE, "+33611111111");
        h.tenants.updateSettings(t.id(), t.settings().withAi(true, 1));
        Tenant limited = h.tenants.findById(t.id()).orElseThrow();
        CallSession s = start(h, limited, "CA700");
        for (int i = 0; i < 5; i++) {
            h.clock.advance(Duration.ofSeconds(30));
            h.transcriber.say(s.callSid(), Speaker.CALLER, BANK_SCAM.get(i % 2));
        }
        assertThat(calls.get()).as("daily budget of one request").isLessThanOrEqualTo(1);
        play(h, s, BANK_SCAM, "d'accord");
        h.transcriber.say(s.callSid(), Speaker.CALLEE, "le code c'est 4 8 2 9 1 7");
        assertThat(s.alertRaised()).isTrue();
        assertThat(h.outbox.forCall(t.id(), s.callSid())).anyMatch(a -> a.kind() == AlertKind.SMS);
    }

    @Test
    void concurrentCallsOfDifferentTenantsNeverShareAlerts() throws Exception {
        CoreHarness h = new CoreHarness();
        Tenant a = h.tenant("A", "+33100000011", AccountStatus.ACTIVE, "+33611000011");
        Tenant b = h.tenant("B", "+33100000012", AccountStatus.ACTIVE, "+33611000012");
        CallSession sa = start(h, a, "CA801");
        CallSession sb = start(h, b, "CA802");
        Thread ta = new Thread(() -> play(h, sa, BANK_SCAM, "ah bon"));
        Thread tb = new Thread(() -> play(h, sb, List.of("bonjour c'est la pharmacie", "votre commande est prête"), "merci"));
        ta.start();
        tb.start();
        ta.join();
        tb.join();
        h.transcriber.say(sa.callSid(), Speaker.CALLEE, "le code c'est 4 8 2 9 1 7");
        assertThat(h.callControl.sent()).isNotEmpty().allMatch(x -> x.tenant().equals(a.id()));
        assertThat(h.callControl.sent()).noneMatch(x -> x.to().equals("+33611000012"));
        assertThat(PhoneNumber.of("+33611000012")).isNotNull();
    }
}
