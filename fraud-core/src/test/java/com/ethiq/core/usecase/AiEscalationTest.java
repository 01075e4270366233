package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.port.ScamAnalyzer;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * When a call goes to the AI and what its answer does. The tenant's thresholds (0.05 / 0.95) make one bank-adviser
 * line suspicious for the rules without ever making it a scam, so only the AI can tip the call.
 */
class AiEscalationTest {
    private static final String SUSPICIOUS = "bonjour je suis conseiller au service anti fraude de votre banque";
    private static final DetectionThresholds SENSITIVE = new DetectionThresholds(0.05, 0.95);

    /** Answers from a script (the last answer repeats) and keeps every request. */
    private static final class ScriptedAnalyzer implements ScamAnalyzer {
        final List<AnalysisRequest> requests = new CopyOnWriteArrayList<>();
        final List<Object> answers;

        ScriptedAnalyzer(Object... answers) {
            this.answers = List.of(answers);
        }

        @Override
        public AiAnalysis analyze(AnalysisRequest request) {
            requests.add(request);
            Object answer = answers.get(Math.min(requests.size(), answers.size()) - 1);
            if (answer instanceof RuntimeException e) {
                throw e;
            }
            return (AiAnalysis) answer;
        }
    }

    private static AiAnalysis opinion(boolean scam, double confidence, String warning) {
        return new AiAnalysis(scam, confidence, ScamCategory.FAKE_BANK_ADVISER, List.of("demande un code"), List.of(0),
                warning, "test-model", new ScamAnalyzer.TokenUsage(300, 40));
    }

    private static final AiAnalysis NOT_SCAM = opinion(false, 0.9, "");

    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final List<String> verdicts = new CopyOnWriteArrayList<>();
    private final CallObserver observer = new CallObserver() {
        @Override
        public void aiOutcome(TenantId tenant, CallSid callSid, String outcome) {
            outcomes.add(outcome);
        }

        @Override
        public void verdictChanged(TenantId tenant, CallSid callSid, com.ethiq.core.detection.Verdict verdict) {
            verdicts.add(verdict.label());
        }
    };

    private CoreHarness harness(ScamAnalyzer analyzer, EscalationPolicy policy) {
        UnaryOperator<com.ethiq.core.FraudCore.Builder> more = b -> b.observer(observer).escalationPolicy(policy);
        return new CoreHarness(analyzer, more);
    }

    private static CallSession start(CoreHarness h, UnaryOperator<TenantSettings> settings) {
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE, "+33611111111");
        h.tenants.updateSettings(t.id(), settings.apply(t.settings().withThresholds(SENSITIVE)));
        Tenant tenant = h.tenants.findById(t.id()).orElseThrow();
        var call = new IncomingCall(CallSid.of("CA500"), "+33700000009", tenant.twilioNumber());
        h.core.incomingCalls().decide(call, h.core.incomingCalls().resolve(call.to()));
        var result = h.core.callSessions().start(new CallSessions.StreamStart(tenant, CallSid.of("CA500")));
        return ((CallSessions.Started) result).session();
    }

    private static CallSession start(CoreHarness h) {
        return start(h, UnaryOperator.identity());
    }

    @Test
    void aConfidentAiTipsASuspiciousCallIntoAScamAndItsWarningIsSpoken() {
        ScriptedAnalyzer ai = new ScriptedAnalyzer(opinion(true, 1.0, "Ne donnez jamais un code reçu par SMS."));
        CoreHarness h = harness(ai, EscalationPolicy.DEFAULT);
        CallSession s = start(h);

        h.transcriber.say(s.callSid(), Speaker.CALLER, SUSPICIOUS);

        assertThat(ai.requests).hasSize(1);
        assertThat(ai.requests.get(0).window()).extracting(ScamAnalyzer.Turn::text).containsExactly(SUSPICIOUS);
        assertThat(outcomes).containsExactly("scam");
        assertThat(verdicts).containsExactly("suspicious", "scam");
        assertThat(s.alertRaised()).isTrue();
        assertThat(s.verdict().isScam()).isTrue();
        assertThat(h.callControl.sent()).anyMatch(x -> x.kind().equals("announcement")
                && x.body().equals("Attention, message d'Ethiq. Ne donnez jamais un code reçu par SMS."));
        var log = h.callLogs.find(s.tenant().id(), s.callSid()).orElseThrow();
        assertThat(log.ai()).isPresent();
        assertThat(log.verdict()).isEqualTo("scam");
        var month = h.usage.monthly(s.tenant().id(), YearMonth.of(2026, 3));
        assertThat(month.total(UsageKind.AI_REQUESTS)).isEqualTo(1);
        assertThat(month.total(UsageKind.AI_PROMPT_TOKENS)).isEqualTo(300);
        assertThat(month.total(UsageKind.AI_COMPLETION_TOKENS)).isEqualTo(40);
    }

    @Test
    void aReassuringAiIsRecordedButChangesNothing() {
        ScriptedAnalyzer ai = new ScriptedAnalyzer(NOT_SCAM);
        CoreHarness h = harness(ai, EscalationPolicy.DEFAULT);
        CallSession s = start(h);

        h.transcriber.say(s.callSid(), Speaker.CALLER, SUSPICIOUS);

        assertThat(outcomes).containsExactly("not_scam");
        assertThat(s.alertRaised()).isFalse();
        assertThat(s.verdict().label()).isEqualTo("suspicious");
        var log = h.callLogs.find(s.tenant().id(), s.callSid()).orElseThrow();
        assertThat(log.ai()).contains(NOT_SCAM);
        assertThat(log.verdict()).as("the rules' own change is recorded").isEqualTo("suspicious");
        assertThat(log.fraudDetected()).isFalse();
        assertThat(verdicts).containsExactly("suspicious");
        assertThat(h.callControl.sent()).isEmpty();
    }

    @Test
    void atMostOneRequestPerIntervalAndOnlyWithNewTurns() {
        ScriptedAnalyzer ai = new ScriptedAnalyzer(NOT_SCAM);
        CoreHarness h = harness(ai, new EscalationPolicy(Duration.ofSeconds(10), Duration.ofSeconds(8), 24));
        CallSession s = start(h);

        h.transcriber.say(s.callSid(), Speaker.CALLER, SUSPICIOUS);
        h.clock.advance(Duration.ofSeconds(9));
        h.transcriber.say(s.callSid(), Speaker.CALLER, "c'est au sujet de votre compte");
        assertThat(ai.requests).as("within the interval").hasSize(1);

        h.clock.advance(Duration.ofSeconds(1));
        h.transcriber.say(s.callSid(), Speaker.CALLER, "il y a une opération");
        assertThat(ai.requests).as("exactly one interval later").hasSize(2);
        assertThat(ai.requests.get(1).window()).extracting(ScamAnalyzer.Turn::text)
                .containsExactly(SUSPICIOUS, "c'est au sujet de votre compte", "il y a une opération");
    }

    @Test
    void theWindowKeepsTheLastTurnsOfBothTracksInOrder() {
        ScriptedAnalyzer ai = new ScriptedAnalyzer(NOT_SCAM);
        CoreHarness h = harness(ai, new EscalationPolicy(Duration.ZERO, Duration.ofSeconds(8), 2));
        CallSession s = start(h);

        h.transcriber.say(s.callSid(), Speaker.CALLER, SUSPICIOUS);
        h.transcriber.say(s.callSid(), Speaker.CALLEE, "ah bon");
        h.transcriber.say(s.callSid(), Speaker.CALLER, "oui madame votre compte");

        var last = ai.requests.get(ai.requests.size() - 1);
        assertThat(last.window()).extracting(ScamAnalyzer.Turn::speaker, ScamAnalyzer.Turn::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Speaker.CALLEE, "ah bon"),
                org.assertj.core.groups.Tuple.tuple(Speaker.CALLER, "oui madame votre compte"));
        assertThat(last.window()).extracting(ScamAnalyzer.Turn::index).containsExactly(1, 2);
        assertThat(last.callSid()).isEqualTo(s.callSid());
    }

    @Test
    void partialSegmentsDoNotEscalate() {
        ScriptedAnalyzer ai = new ScriptedAnalyzer(NOT_SCAM);
        CoreHarness h = harness(ai, new EscalationPolicy(Duration.ZERO, Duration.ofSeconds(8), 24));
        CallSession s = start(h);
        h.transcriber.say(s.callSid(), Speaker.CALLER, SUSPICIOUS);
        assertThat(ai.requests).hasSize(1);

        h.clock.advance(Duration.ofMinutes(1));
        var listener = h.transcriber.listeners.get(s.callSid().value() + "/caller");
        listener.onSegment(com.ethiq.core.domain.TranscriptSegment.partialText(Speaker.CALLER, 7, "votre carte bancaire"));
        assertThat(ai.requests).as("no new final turn").hasSize(1);
    }

    @Test
    void noRequestWhenTheTenantDisabledAi() {
        ScriptedAnalyzer ai = new ScriptedAnalyzer(NOT_SCAM);
        CoreHarness h = harness(ai, EscalationPolicy.DEFAULT);
        CallSession s = start(h, settings -> settings.withAi(false, 200));
        h.transcriber.say(s.callSid(), Speaker.CALLER, SUSPICIOUS);
        assertThat(ai.requests).isEmpty();
        assertThat(outcomes).isEmpty();
        assertThat(s.verdict().label()).isEqualTo("suspicious");
    }

    @Test
    void onceTheDailyBudgetIsSpentEachTurnIsRefusedWithoutAsking() {
        ScriptedAnalyzer ai = new ScriptedAnalyzer(NOT_SCAM);
        CoreHarness h = harness(ai, new EscalationPolicy(Duration.ZERO, Duration.ofSeconds(8), 24));
        CallSession s = start(h, settings -> settings.withAi(true, 1));
        h.transcriber.say(s.callSid(), Speaker.CALLER, SUSPICIOUS);
        h.transcriber.say(s.callSid(), Speaker.CALLER, "c'est au sujet de votre compte");
        h.transcriber.say(s.callSid(), Speaker.CALLER, "il y a une opération");
        assertThat(ai.requests).hasSize(1);
        assertThat(outcomes).containsExactly("not_scam", "budget_exhausted", "budget_exhausted");
    }

    @Test
    void anUnavailableAiLeavesTheRulesInChargeAndIsAskedAgainLater() {
        ScriptedAnalyzer ai = new ScriptedAnalyzer(
                new ScamAnalyzer.AnalysisUnavailableException("timeout", false, null, new RuntimeException("inner")),
                opinion(true, 1.0, ""));
        CoreHarness h = harness(ai, new EscalationPolicy(Duration.ofSeconds(5), Duration.ofSeconds(8), 24));
        CallSession s = start(h);

        h.transcriber.say(s.callSid(), Speaker.CALLER, SUSPICIOUS);
        assertThat(outcomes).containsExactly("unavailable");
        assertThat(s.alertRaised()).isFalse();

        h.clock.advance(Duration.ofSeconds(5));
        h.transcriber.say(s.callSid(), Speaker.CALLER, "c'est au sujet de votre compte");
        assertThat(ai.requests).hasSize(2);
        assertThat(outcomes).containsExactly("unavailable", "scam");
        assertThat(s.alertRaised()).isTrue();
        assertThat(h.callControl.sent()).anyMatch(x -> x.kind().equals("announcement")
                && x.body().startsWith("Attention, message d'Ethiq. Cet appel ressemble à une arnaque"));
    }

    @Test
    void anEndedCallIsNeverEscalated() {
        ScriptedAnalyzer ai = new ScriptedAnalyzer(NOT_SCAM);
        CoreHarness h = harness(ai, EscalationPolicy.DEFAULT);
        CallSession s = start(h);
        var listener = h.transcriber.listeners.get(s.callSid().value() + "/caller");
        s.end();
        listener.onSegment(com.ethiq.core.domain.TranscriptSegment.finalText(Speaker.CALLER, 0, SUSPICIOUS));
        assertThat(ai.requests).isEmpty();
    }
}
