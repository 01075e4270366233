package com.ethiq.core.detection.support;

import com.ethiq.core.detection.CallReplay;
import com.ethiq.core.detection.CallTranscript;
import com.ethiq.core.detection.DetectionEngine;
import com.ethiq.core.detection.FraudCue;
import com.ethiq.core.detection.QualityReport;
import com.ethiq.core.detection.RecogniserNoise;
import com.ethiq.core.domain.DetectionThresholds;
import java.nio.file.Path;
import java.util.List;

/**
 * Developer tool (not a test): replays a set and prints misses, false alarms and earliness.
 * Args: fr-dev | heldout | robocall | se | r1 | FILE.jsonl, then optional "all" to print every call, or
 * "noise" to print the figures at 0, 5, 10 and 15 % word error (seeds 1-3 pooled) and the noisy misses.
 */
public final class DevEval {
    public static void main(String[] args) {
        DetectionEngine engine = DetectionEngine.withDefaultPacks();
        String which = args.length > 0 ? args[0] : "fr-dev";
        boolean all = args.length > 1 && args[1].equals("all");
        Path shared = EvalData.sharedDir().orElse(Path.of("/work/shared"));
        List<CallTranscript> calls = switch (which) {
            case "fr-dev" -> EvalData.readJsonl(shared.resolve("eval-data/fr-dev/calls-fr-dev.jsonl"));
            case "heldout" -> EvalData.readJsonlResource("/com/ethiq/core/detection/heldout-fr.jsonl");
            case "robocall" -> EvalData.robocalls(shared.resolve("eval-data/robocall-ftc-en/metadata.csv"));
            case "se" -> EvalData.seDialogues(shared.resolve("eval-data/se-dialogues-en/government_impersonation.jsonl"));
            case "r1" -> EvalData.fraudR1Dialogues(shared.resolve("eval-data/fraud-r1-en/FP-base-English.json"));
            default -> EvalData.readJsonl(Path.of(which));
        };
        if (args.length > 1 && args[1].equals("noise")) {
            noise(engine, calls, args.length > 2 && args[2].equals("misses"));
            return;
        }
        QualityReport report = new QualityReport();
        for (CallTranscript c : calls) {
            CallReplay.Result r = CallReplay.replay(engine, c, DetectionThresholds.DEFAULT);
            report.add(r);
            boolean wrong = c.isScam() != r.alerted();
            boolean late = r.alerted() && c.firstFraudTurn() != null && r.firstAlertTurn() - c.firstFraudTurn() > 1;
            if (all || wrong || late) {
                System.out.printf("%s %s %s peak=%s %.2f %s alert=%s fft=%s%n", wrong ? "XX" : late ? "LATE" : "ok",
                        c.id(), c.category(), r.peak().label(), r.peak().score(), r.peak().category().wire(),
                        r.firstAlertTurn(), c.firstFraudTurn());
                if (wrong || all || late) {
                    for (FraudCue cue : r.peak().cues()) {
                        System.out.printf("     %-14s %.2f t%-2d %-6s %-28s '%s'%n", cue.kind().wire(), cue.weight(),
                                cue.turn(), cue.speaker().wire(), cue.ruleId(), cue.evidence());
                    }
                }
            }
        }
        System.out.println(report.summary());
    }

    private static void noise(DetectionEngine engine, List<CallTranscript> calls, boolean misses) {
        for (double rate : new double[] {0, 0.05, 0.10, 0.15}) {
            QualityReport report = new QualityReport();
            for (long seed : rate == 0 ? new long[] {1} : new long[] {1, 2, 3}) {
                java.util.Map<com.ethiq.core.domain.Language, RecogniserNoise> noise = new java.util.HashMap<>();
                for (CallTranscript c : calls) {
                    RecogniserNoise n = rate == 0 ? null
                            : noise.computeIfAbsent(c.language(), l -> RecogniserNoise.forCalls(l, rate, seed, calls));
                    CallReplay.Result r = CallReplay.replay(engine, c, DetectionThresholds.DEFAULT, n);
                    report.add(r);
                    if (misses && c.isScam() != r.alerted()) {
                        System.out.printf("  %.2f s%d %s %s %.2f%n", rate, seed, c.id(), r.peak().label(), r.peak().score());
                    }
                }
            }
            System.out.printf(java.util.Locale.ROOT, "%3.0f%% %s%n", rate * 100, report.summary());
        }
    }
}
