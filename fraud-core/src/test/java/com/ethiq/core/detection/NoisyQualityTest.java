package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.support.EvalData;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Language;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every labelled set replayed through {@link RecogniserNoise} at 0, 5, 10 and 15 % word error (interim results
 * included), three seeds each, pooled. Prints one line per set and rate; asserts the pooled French and English
 * figures (docs/detection.md, "Under recogniser noise").
 */
@Tag("quality") // measures whole data sets; left out of the mutation run (docs/testing.md)
class NoisyQualityTest {

    static final double[] RATES = {0, 0.05, 0.10, 0.15};
    static final long[] SEEDS = {1, 2, 3};
    private static final DetectionEngine ENGINE = DetectionEngine.withDefaultPacks();

    /** The labelled sets, by name (the shared ones only when present). */
    static Map<String, List<CallTranscript>> sets() {
        Map<String, List<CallTranscript>> sets = new LinkedHashMap<>();
        EvalData.evalFile("fr-dev/calls-fr-dev.jsonl").ifPresent(p -> sets.put("fr-dev", EvalData.readJsonl(p)));
        for (String name : List.of("heldout-fr", "blind2-fr", "blind3-fr", "blind4-fr", "blind5-fr", "blind6-fr",
                "blind7-fr", "blind8-fr", "blind9-fr", "blind10-fr", "blind11-fr", "dev-probes-fr", "blind-en-2", "blind-en-3",
                "blind-en-4", "blind-en-5", "blind-en-6", "blind-en-7", "dev-probes-en", "legit-en")) {
            sets.put(name, EvalData.readJsonlResource("/com/ethiq/core/detection/" + name + ".jsonl"));
        }
        EvalData.evalFile("robocall-ftc-en/metadata.csv").ifPresent(p -> sets.put("robocall-ftc-en", EvalData.robocalls(p)));
        EvalData.evalFile("se-dialogues-en/government_impersonation.jsonl")
                .ifPresent(p -> sets.put("se-dialogues-en", EvalData.seDialogues(p)));
        return sets;
    }

    static QualityReport run(List<CallTranscript> calls, double rate, long seed, QualityReport into) {
        Map<Language, RecogniserNoise> noise = new LinkedHashMap<>();
        for (CallTranscript c : calls) {
            RecogniserNoise n = rate == 0 ? null
                    : noise.computeIfAbsent(c.language(), l -> RecogniserNoise.forCalls(l, rate, seed, calls));
            into.add(CallReplay.replay(ENGINE, c, DetectionThresholds.DEFAULT, n));
        }
        return into;
    }

    @Test
    void everyLabelledSetAtEveryNoiseLevel() {
        Map<String, QualityReport> pooled = new LinkedHashMap<>();
        for (Map.Entry<String, List<CallTranscript>> set : sets().entrySet()) {
            List<CallTranscript> calls = set.getValue();
            Language lang = calls.get(0).language();
            List<String> cells = new ArrayList<>();
            for (double rate : RATES) {
                QualityReport r = new QualityReport();
                for (long seed : rate == 0 ? new long[] {1} : SEEDS) {
                    run(calls, rate, seed, r);
                    // pooled over the blind sets and the shared sets; the dev probes were written against the rules
                    if (!set.getKey().startsWith("dev-probes")) {
                        run(calls, rate, seed, pooled.computeIfAbsent(lang.code() + "@" + rate, k -> new QualityReport()));
                    }
                }
                cells.add(String.format(Locale.ROOT, "%2.0f%%: R %s F %s", rate * 100, fmt(r.recall()), fmt(r.falsePositiveRate())));
            }
            System.out.printf(Locale.ROOT, "[noisy] %-16s %s%n", set.getKey(), String.join(" | ", cells));
        }
        pooled.forEach((k, r) -> System.out.println("[noisy] pooled " + k + " " + r.summary()));
        // guards below the measured figures (docs/detection.md, round 4): French clean 1.000/0.010, 10 % 0.945/0.022,
        // 15 % 0.903/0.026; English with the shared sets clean 0.958/0.000, 10 % 0.917/0.051
        QualityReport fr0 = pooled.get("fr@0.0");
        assertThat(fr0.recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(fr0.falsePositiveRate()).isLessThanOrEqualTo(0.03);
        QualityReport fr10 = pooled.get("fr@0.1");
        assertThat(fr10.recall()).isGreaterThanOrEqualTo(0.92);
        assertThat(fr10.falsePositiveRate()).isLessThanOrEqualTo(0.05);
        QualityReport fr15 = pooled.get("fr@0.15");
        assertThat(fr15.recall()).isGreaterThanOrEqualTo(0.88);
        assertThat(fr15.falsePositiveRate()).isLessThanOrEqualTo(0.05);
        QualityReport en0 = pooled.get("en@0.0");
        assertThat(en0.recall()).isGreaterThanOrEqualTo(0.94);
        assertThat(en0.falsePositiveRate()).isLessThanOrEqualTo(0.05);
        QualityReport en10 = pooled.get("en@0.1");
        assertThat(en10.recall()).isGreaterThanOrEqualTo(0.88);
        assertThat(en10.falsePositiveRate()).isLessThanOrEqualTo(0.1);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? " n/a " : String.format(Locale.ROOT, "%.3f", v);
    }
}
