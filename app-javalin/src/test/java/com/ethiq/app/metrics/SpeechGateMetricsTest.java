package com.ethiq.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.audio.SpeechGate;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import org.junit.jupiter.api.Test;

/** Where the recogniser's bill goes: each ended call's gate figures add up per track and part, in seconds. */
class SpeechGateMetricsTest {
    private final Metrics metrics = new Metrics("node-test");
    private final CallMetrics calls = metrics.calls();
    private final TenantId tenant = TenantId.random();

    @Test
    void eachCallsGateFiguresAddUpPerTrackAndPart() {
        // 30 s offered, 12 s sent: 0.08 s of pre-roll (two onsets), 0.9 s of tail; one burst closed by a final
        var caller = new SpeechGate.Figures(240_000, 96_000, 2, 640, 7_200, 1);
        calls.speechGated(tenant, CallSid.of("CA1"), Speaker.CALLER, caller);
        calls.speechGated(tenant, CallSid.of("CA2"), Speaker.CALLER, caller);
        calls.speechGated(tenant, CallSid.of("CA1"), Speaker.CALLEE, new SpeechGate.Figures(240_000, 0, 0, 0, 0, 0));

        assertThat(calls.countOf("ethiq.speech.gate.seconds", "track", "caller", "part", "offered")).isEqualTo(60.0);
        assertThat(calls.countOf("ethiq.speech.gate.seconds", "track", "caller", "part", "sent")).isEqualTo(24.0);
        assertThat(calls.countOf("ethiq.speech.gate.seconds", "track", "caller", "part", "pre_roll")).isEqualTo(0.16);
        assertThat(calls.countOf("ethiq.speech.gate.seconds", "track", "caller", "part", "tail")).isEqualTo(1.8);
        assertThat(calls.countOf("ethiq.speech.gate.bursts", "track", "caller", "closed", "by_final")).isEqualTo(2.0);
        assertThat(calls.countOf("ethiq.speech.gate.bursts", "track", "caller", "closed", "by_hang_over")).isEqualTo(2.0);
        assertThat(calls.countOf("ethiq.speech.gate.seconds", "track", "callee", "part", "offered")).isEqualTo(30.0);
        assertThat(calls.countOf("ethiq.speech.gate.seconds", "track", "callee", "part", "sent")).isZero();
        assertThat(metrics.scrape()).contains("ethiq_speech_gate_seconds_total{node=\"node-test\",part=\"tail\",track=\"caller\"} 1.8",
                "ethiq_speech_gate_bursts_total{closed=\"by_final\",node=\"node-test\",track=\"caller\"} 2.0");
    }
}
