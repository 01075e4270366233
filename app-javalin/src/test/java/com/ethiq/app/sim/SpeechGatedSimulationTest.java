package com.ethiq.app.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's target, end to end: every bundled script played by the simulator with real (espeak-ng) speech over line
 * noise, through the real webhooks and media WebSocket, to two nodes with in-memory stores and the simulated mode's
 * recogniser — one whose account keeps the speech gate on, one whose account turned it off. The verdicts must be the
 * same, the first alert of a scam raised in the same turn or the next, every line heard the same; the billed speech
 * per call second is printed (the figure of docs/performance.md, "Speech gate"). {@code -Dethiq.sim.pauseMs=N} sets the
 * shortest pause between turns (default 600 ms, plus 0-900 ms drawn per turn); {@code -Dethiq.sim.endpointingMs=N} the
 * recogniser's endpointing delay (the non-speech audio it needs after a line before making it final; default
 * {@link ScriptedSpeechTranscriber#DEFAULT_ENDPOINTING}), which decides how much of the gate's hang-over the
 * recogniser-aware gate saves.
 */
class SpeechGatedSimulationTest {

    /** What one call came to on one node. */
    private record Played(String script, String verdict, boolean fraud, int alertTurn, double callSeconds,
                          double billedSeconds, List<String> heard) {
        double ratio() {
            return billedSeconds / callSeconds;
        }
    }

    @Test
    void everyBundledScriptHasTheSameVerdictsAndAlertTurnsWithTheGateAndBillsLess() throws Exception {
        List<CallScript> scripts = CallScript.bundled();
        try (SimulatedNode gated = node(true); SimulatedNode ungated = node(false)) {
            ScheduledExecutorService ticks = Executors.newScheduledThreadPool(4);
            ExecutorService calls = Executors.newFixedThreadPool(2 * scripts.size());
            HttpClient http = HttpClient.newHttpClient();
            try {
                Map<String, Future<Played>> on = new LinkedHashMap<>();
                Map<String, Future<Played>> off = new LinkedHashMap<>();
                for (CallScript s : scripts) {
                    on.put(s.id(), calls.submit(() -> play(gated, http, ticks, s)));
                    off.put(s.id(), calls.submit(() -> play(ungated, http, ticks, s)));
                }
                double billedOn = 0;
                double billedOff = 0;
                double seconds = 0;
                List<String> rows = new ArrayList<>();
                // every figure is printed before a failure is reported (the table is read for several settings)
                SoftAssertions softly = new SoftAssertions();
                for (CallScript s : scripts) {
                    Played a = on.get(s.id()).get();
                    Played b = off.get(s.id()).get();
                    rows.add(String.format("%-20s %-6s %-10s alert turn %2d / %2d   call %5.1f s   billed on %5.1f s (%.2f)   off %5.1f s (%.2f)",
                            s.id(), s.label(), a.verdict(), a.alertTurn(), b.alertTurn(), a.callSeconds(), a.billedSeconds(),
                            a.ratio(), b.billedSeconds(), b.ratio()));
                    billedOn += a.billedSeconds();
                    billedOff += b.billedSeconds();
                    seconds += a.callSeconds();

                    softly.assertThat(a.verdict()).as(s.id() + ": verdict with the gate").isEqualTo(b.verdict());
                    softly.assertThat(a.fraud()).as(s.id() + ": fraud flag").isEqualTo(b.fraud()).isEqualTo(s.isScam());
                    softly.assertThat(a.heard()).as(s.id() + ": lines recognised with the gate")
                            .containsExactlyElementsOf(b.heard()).hasSize(s.turns().size());
                    if (s.isScam()) {
                        softly.assertThat(a.alertTurn()).as(s.id() + ": turn of the first alert with the gate").isNotNegative()
                                .isBetween(b.alertTurn() - 1, b.alertTurn() + 1);
                    }
                    softly.assertThat(b.ratio()).as(s.id() + ": ungated, both tracks whole").isGreaterThan(1.9);
                    softly.assertThat(a.ratio()).as(s.id() + ": gated").isLessThan(b.ratio() / 2);
                }
                System.out.println("Speech gate on the simulated calls (espeak-ng speech, line noise, both tracks, pauses from "
                        + Long.getLong("ethiq.sim.pauseMs", 600) + " ms, recogniser endpointing " + endpointing().toMillis() + " ms):");
                rows.forEach(r -> System.out.println("  " + r));
                System.out.printf("  all %d scripts: %.1f s of calls, billed %.1f s gated (%.2f per call second), %.1f s ungated (%.2f)%n",
                        scripts.size(), seconds, billedOn, billedOn / seconds, billedOff, billedOff / seconds);
                GateSplit split = GateSplit.of(gated, http);
                System.out.printf("  where the gated bill went (the node's ethiq_speech_gate_* meters): %.1f s sent = %.1f s voiced"
                                + " + %.1f s pre-roll (%d onsets) + %.1f s tail (%.0f ms a burst; %d of %d closed by the recogniser's final)%n",
                        split.sent(), split.sent() - split.preRoll() - split.tail(), split.preRoll(), split.bursts(), split.tail(),
                        1000 * split.tail() / Math.max(1, split.bursts()), split.byFinal(), split.bursts());
                softly.assertThat(split.sent()).as("the meters count what was billed").isCloseTo(billedOn, org.assertj.core.data.Offset.offset(0.05));
                // a burst closed by a final gave the endpointer all the silence it asked for, and more only by a chunk
                softly.assertThat(split.tail()).as("tail of %d bursts, %d closed by a final", split.bursts(), split.byFinal())
                        .isGreaterThanOrEqualTo(split.byFinal() * endpointing().toMillis() / 1000.0);
                softly.assertAll();
            } finally {
                calls.shutdownNow();
                ticks.shutdownNow();
            }
        }
    }

    /** The gated node's ethiq_speech_gate_* meters, both tracks together, in seconds and bursts. */
    private record GateSplit(double sent, double preRoll, double tail, int bursts, int byFinal) {
        static GateSplit of(SimulatedNode node, HttpClient http) throws Exception {
            var response = http.send(java.net.http.HttpRequest.newBuilder(node.baseUrl().resolve("/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            String scrape = response.body();
            return new GateSplit(sum(scrape, "seconds", "part=\"sent\""), sum(scrape, "seconds", "part=\"pre_roll\""),
                    sum(scrape, "seconds", "part=\"tail\""),
                    (int) (sum(scrape, "bursts", "closed=\"by_final\"") + sum(scrape, "bursts", "closed=\"by_hang_over\"")),
                    (int) sum(scrape, "bursts", "closed=\"by_final\""));
        }

        private static double sum(String scrape, String meter, String tag) {
            return scrape.lines().filter(l -> l.startsWith("ethiq_speech_gate_" + meter + "_total{") && l.contains(tag))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        }
    }

    private static Duration endpointing() {
        return Duration.ofMillis(Long.getLong("ethiq.sim.endpointingMs", ScriptedSpeechTranscriber.DEFAULT_ENDPOINTING.toMillis()));
    }

    /** A node in simulated mode whose demo account keeps the speech gate on, or turned it off. */
    private static SimulatedNode node(boolean accountGate) {
        SimulatedNode node = new SimulatedNode(ScriptedSpeechTranscriber.pacedBySpeech(endpointing()), List.of(), Map.of());
        var settings = node.tenants.findById(node.demo.id()).orElseThrow().settings();
        assertThat(node.tenants.updateSettings(node.demo.id(), settings.withSpeechGate(accountGate))).isTrue();
        return node;
    }

    private static Played play(SimulatedNode node, HttpClient http, ScheduledExecutorService ticks, CallScript script) {
        CallSimulator.Pacing pacing = new CallSimulator.Pacing(Duration.ofMillis(Long.getLong("ethiq.sim.pauseMs",
                CallSimulator.Pacing.DEFAULT.gapBetweenTurns().toMillis())), CallSimulator.Pacing.DEFAULT.tail(),
                CallSimulator.Pacing.DEFAULT.settle());
        CallSimulator.Outcome o = new CallSimulator(node.target(), http, ticks, pacing)
                .withAudio(CallSimulator.Audio.SPEECH).run(script);
        assertThat(o.error()).as(script.id()).isNull();
        assertThat(o.turns()).as(script.id()).hasSize(script.turns().size());
        CallSid sid = CallSid.of(o.callSid());
        JsonNode report = o.report();
        int alertTurn = -1;
        if (report.path("alerts").size() > 0) {
            Instant first = Instant.MAX;
            for (JsonNode a : report.path("alerts")) {
                Instant at = Instant.parse(a.path("createdAt").asText());
                first = at.isBefore(first) ? at : first;
            }
            for (CallSimulator.TurnTiming t : o.turns()) {
                if (!t.startedAt().isAfter(first)) {
                    alertTurn = Math.max(alertTurn, t.index());
                }
            }
        }
        double callSeconds = o.framesSent() / 2 * CallSimulator.FRAME_MILLIS / 1000.0;
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        // usage is written behind the call's end: wait for it
        long billedMillis = 0;
        for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; ) {
            billedMillis = node.usage.events(node.demo.id(), month).stream()
                    .filter(e -> e.kind() == UsageKind.SPEECH_MILLIS && sid.equals(e.callSid())).mapToLong(e -> e.quantity()).sum();
            if (billedMillis > 0) {
                break;
            }
            CallSimulator.sleep(50);
        }
        List<String> heard = node.callLogs.transcript(node.demo.id(), sid).stream()
                .filter(TranscriptSegment::isFinal)
                .map(seg -> (seg.speaker() == Speaker.CALLER ? "caller: " : "callee: ") + seg.text()).toList();
        return new Played(script.id(), report.path("verdict").asText(), o.fraudDetected(), alertTurn, callSeconds,
                billedMillis / 1000.0, heard);
    }
}
