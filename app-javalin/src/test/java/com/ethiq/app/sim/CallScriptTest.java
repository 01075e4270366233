package com.ethiq.app.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.detection.CallReplay;
import com.ethiq.core.detection.CallTranscript;
import com.ethiq.core.detection.DetectionEngine;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Language;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled scripts parse, and the rules judge them as labelled (so the demo shows what it promises). */
class CallScriptTest {
    @Test
    void bundledScamsAlertAndLegitimateCallsDoNot() {
        DetectionEngine engine = DetectionEngine.withDefaultPacks();
        List<CallScript> scripts = CallScript.bundled();
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(6);
        assertThat(scripts).anyMatch(CallScript::isScam).anyMatch(s -> !s.isScam());
        for (CallScript s : scripts) {
            CallTranscript t = new CallTranscript(s.id(), Language.FRENCH, s.label(), s.category(), null,
                    s.turns().stream().map(x -> new CallTranscript.Turn(x.speaker(), x.text())).toList());
            CallReplay.Result r = CallReplay.replay(engine, t, DetectionThresholds.DEFAULT);
            assertThat(r.alerted()).as(s.id()).isEqualTo(s.isScam());
        }
    }

    @Test
    void badLinesAreReportedWithTheirNumber() {
        String text = "{\"id\":\"a\",\"turns\":[{\"speaker\":\"caller\",\"text\":\"bonjour\"}]}\n{\"id\":\"b\",\"turns\":[]}\n";
        assertThatThrownBy(() -> CallScript.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "x.jsonl"))
                .hasMessageContaining("x.jsonl line 2");
    }
}
