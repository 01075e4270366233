package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ethiq.core.detection.support.EvalData;
import com.ethiq.core.domain.DetectionThresholds;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The verdicts must not depend on how the recogniser writes things: case, accents, apostrophes, fillers, digits or
 * number words. Replays the French calls (fr-dev when present, else the own sets) in a noisy rewriting.
 */
@Tag("quality") // measures whole data sets; left out of the mutation run (docs/testing.md)
class RecogniserNoiseTest {

    private static final Map<String, String> DIGITS = Map.of("0", "zéro", "1", "un", "2", "deux", "3", "trois", "4",
            "quatre", "5", "cinq", "6", "six", "7", "sept", "8", "huit", "9", "neuf");
    private static final String[] FILLERS = {"euh", "ben", "bon", "hein", "euh euh"};

    static String noisy(String text, Random random) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        s = s.replace('\'', ' ').replace('-', ' ');
        StringBuilder out = new StringBuilder();
        for (String w : s.split("\\s+")) {
            if (random.nextInt(8) == 0) {
                out.append(FILLERS[random.nextInt(FILLERS.length)]).append(' ');
            }
            out.append(DIGITS.getOrDefault(w, random.nextBoolean() ? w.toUpperCase(java.util.Locale.ROOT) : w)).append(' ');
        }
        return out.toString().strip();
    }

    @Test
    void verdictsSurviveRecogniserNoise() {
        Optional<Path> dev = EvalData.evalFile("fr-dev/calls-fr-dev.jsonl");
        List<CallTranscript> calls = new ArrayList<>(dev.map(EvalData::readJsonl).orElse(List.of()));
        calls.addAll(EvalData.readJsonlResource("/com/ethiq/core/detection/heldout-fr.jsonl"));
        assumeTrue(!calls.isEmpty());
        DetectionEngine engine = DetectionEngine.withDefaultPacks();
        Random random = new Random(42);
        int same = 0;
        List<String> changed = new ArrayList<>();
        for (CallTranscript c : calls) {
            List<CallTranscript.Turn> turns = new ArrayList<>();
            for (CallTranscript.Turn t : c.turns()) {
                turns.add(new CallTranscript.Turn(t.speaker(), noisy(t.text(), random)));
            }
            CallTranscript n = new CallTranscript(c.id(), c.language(), c.label(), c.category(), c.firstFraudTurn(), turns);
            boolean a = CallReplay.replay(engine, c, DetectionThresholds.DEFAULT).alerted();
            boolean b = CallReplay.replay(engine, n, DetectionThresholds.DEFAULT).alerted();
            if (a == b) {
                same++;
            } else {
                changed.add(c.id());
            }
        }
        System.out.println("[noise] unchanged " + same + "/" + calls.size() + " changed " + changed);
        assertThat((double) same / calls.size()).isGreaterThanOrEqualTo(0.95);
    }
}
