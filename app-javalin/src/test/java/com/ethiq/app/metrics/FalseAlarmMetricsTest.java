package com.ethiq.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.CueKind;
import com.ethiq.core.detection.FraudCue;
import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Field precision per tenant and rule: verdicts that alerted and false alarms, both tagged by tenant and rule. */
class FalseAlarmMetricsTest {
    private static final String EXPLANATION = "score 0.91: request 'donnez moi le code' (turn 4, caller, fr.code); identity claim "
            + "'service securite ... banque' (turn 0, caller, fr.bank); +2 more";

    private final Metrics metrics = new Metrics("node-test");
    private final CallMetrics calls = metrics.calls();
    private final TenantId tenant = TenantId.random();
    private final CallSid sid = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));

    @Test
    void aFalseAlarmCountsOncePerRuleOfTheCallsVerdictTaggedWithTheTenant() {
        calls.falseAlarm(tenant, sid, EXPLANATION);
        calls.falseAlarm(tenant, sid, EXPLANATION); // the member presses after the relative: one false alarm

        String t = tenant.value().toString();
        assertThat(calls.countOf("ethiq.alerts.false", "tenant", t, "rule", "fr.code")).isEqualTo(1.0);
        assertThat(calls.countOf("ethiq.alerts.false", "tenant", t, "rule", "fr.bank")).isEqualTo(1.0);
        assertThat(metrics.scrape()).contains("ethiq_alerts_false_total{", "rule=\"fr.code\"", "tenant=\"" + t + "\"");
    }

    @Test
    void aScamVerdictCountsEachRuleOncePerCallAsItRises() {
        FraudCue code = cue("fr.code");
        calls.sessionStarted(tenant, sid);
        calls.verdictChanged(tenant, sid, new Verdict.Suspicious(0.6, ScamCategory.FAKE_BANK_ADVISER, List.of(code), "x"));
        calls.verdictChanged(tenant, sid, new Verdict.Scam(0.9, ScamCategory.FAKE_BANK_ADVISER, List.of(code, cue("fr.bank")), "x"));
        calls.sessionEnded(tenant, sid);

        String t = tenant.value().toString();
        assertThat(calls.countOf("ethiq.alerts.judged", "tenant", t, "rule", "fr.code")).isEqualTo(1.0);
        assertThat(calls.countOf("ethiq.alerts.judged", "tenant", t, "rule", "fr.bank")).isEqualTo(1.0);
    }

    @Test
    void ruleIdsThatDoNotLookLikeRulesCountAsOther() {
        calls.falseAlarm(tenant, sid, "request 'x y' (turn 1, caller, NOT A RULE {})");

        assertThat(calls.countOf("ethiq.alerts.false", "tenant", tenant.value().toString(), "rule", "other")).isEqualTo(1.0);
    }

    private static FraudCue cue(String rule) {
        return new FraudCue(CueKind.REQUEST, ScamCategory.FAKE_BANK_ADVISER, rule, "donnez moi le code", 4, Speaker.CALLER, 0.5);
    }
}
