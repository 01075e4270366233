package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.TranscriptSegment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Behaviour lock of the detection engine (issue 19, throughput work): every labelled set, clean and through
 * {@link RecogniserNoise} at 10 % (seed 1, interim results included), replayed segment by segment and compared with
 * a committed golden file. Per call: the label and score after every final segment, the last verdict's label, score
 * (to 1e-9), category and explanation, and a SHA-256 digest of every verdict returned (partials included: label,
 * score, category, explanation and each cue). A speed change must not move any of them.
 *
 * <p>Regenerate after a deliberate rule or scoring change (never to make a speed change pass):
 * {@code ./mvnw -B -o -q -pl fraud-core verify -Dtest=GoldenVerdictsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dethiq.golden.write=true}, then review the diff of {@value #FILE}. Sets of the shared directory are compared
 * only when it is present (their lines are kept when regenerating without it).
 */
@Tag("quality") // replays whole data sets; left out of the mutation run (docs/testing.md)
class GoldenVerdictsTest {

    static final String FILE = "src/test/resources/com/ethiq/core/detection/golden-verdicts.tsv";
    private static final String RESOURCE = "/com/ethiq/core/detection/golden-verdicts.tsv";
    private static final double[] RATES = {0, 0.10};
    private static final long SEED = 1;

    @Test
    void everyVerdictOfEveryLabelledSetIsUnchanged() throws IOException {
        Map<String, String> actual = new LinkedHashMap<>();
        for (Map.Entry<String, List<CallTranscript>> set : NoisyQualityTest.sets().entrySet()) {
            for (double rate : RATES) {
                replaySet(set.getKey(), set.getValue(), rate, actual);
            }
        }
        assertThat(actual).hasSizeGreaterThan(700);
        if (Boolean.getBoolean("ethiq.golden.write")) {
            write(actual);
            return;
        }
        Map<String, String> golden = read();
        for (Map.Entry<String, String> e : actual.entrySet()) {
            String expected = golden.get(e.getKey());
            assertThat(expected).as("golden line for %s", e.getKey()).isNotNull();
            compare(e.getKey(), expected, e.getValue());
        }
    }

    /** Fields compared one by one, so a failure names what moved (scores with a 1e-9 tolerance). */
    private static void compare(String key, String expectedLine, String actualLine) {
        String[] exp = expectedLine.split("\t", -1);
        String[] act = actualLine.split("\t", -1);
        assertThat(act).as("fields of %s", key).hasSameSizeAs(exp);
        String[] expFinals = exp[0].split(" ");
        String[] actFinals = act[0].split(" ");
        assertThat(actFinals.length).as("final verdicts of %s", key).isEqualTo(expFinals.length);
        for (int i = 0; i < expFinals.length; i++) {
            String[] e = expFinals[i].split(":");
            String[] a = actFinals[i].split(":");
            assertThat(a[0]).as("label after final %d of %s", i, key).isEqualTo(e[0]);
            assertThat(Double.parseDouble(a[1])).as("score after final %d of %s", i, key)
                    .isCloseTo(Double.parseDouble(e[1]), within(1e-9));
        }
        assertThat(act[1]).as("last label of %s", key).isEqualTo(exp[1]);
        assertThat(Double.parseDouble(act[2])).as("last score of %s", key)
                .isCloseTo(Double.parseDouble(exp[2]), within(1e-9));
        assertThat(act[3]).as("last category of %s", key).isEqualTo(exp[3]);
        assertThat(act[4]).as("last explanation of %s", key).isEqualTo(exp[4]);
        assertThat(act[5]).as("digest of every verdict (partials and cues included) of %s", key).isEqualTo(exp[5]);
    }

    /** Replays one set as {@link NoisyQualityTest#run} does (one noise model per language, calls in order). */
    private static void replaySet(String name, List<CallTranscript> calls, double rate, Map<String, String> out) {
        DetectionEngine engine = DetectionEngine.withDefaultPacks();
        Map<Language, RecogniserNoise> noise = new LinkedHashMap<>();
        for (CallTranscript c : calls) {
            RecogniserNoise n = rate == 0 ? null
                    : noise.computeIfAbsent(c.language(), l -> RecogniserNoise.forCalls(l, rate, SEED, calls));
            String key = name + "\t" + String.format(Locale.ROOT, "%.2f", rate) + "\t" + c.id();
            String line = replay(engine, c, n);
            // ids repeat in a few sets: number the repeats so every call keeps its own line
            String unique = key;
            for (int k = 2; out.containsKey(unique); k++) {
                unique = key + "#" + k;
            }
            out.put(unique, line);
        }
    }

    private static String replay(DetectionEngine engine, CallTranscript call, RecogniserNoise noise) {
        DetectionSession session = engine.newSession(call.language(), DetectionThresholds.DEFAULT, List.of());
        MessageDigest digest = sha256();
        List<String> finals = new ArrayList<>();
        int[] utterance = new int[2];
        Verdict last = session.current();
        for (CallTranscript.Turn t : call.turns()) {
            int u = utterance[t.speaker().ordinal()]++;
            String text = t.text();
            if (noise != null) {
                RecogniserNoise.Utterance said = noise.utterance(text);
                for (String partial : said.partials()) {
                    feed(digest, session.onSegment(TranscriptSegment.partialText(t.speaker(), u, partial)));
                }
                text = said.finalText();
            }
            last = session.onSegment(TranscriptSegment.finalText(t.speaker(), u, text));
            feed(digest, last);
            finals.add(last.label() + ":" + score(last));
        }
        return String.join(" ", finals) + "\t" + last.label() + "\t" + score(last) + "\t" + last.category().name()
                + "\t" + oneLine(last.explanation()) + "\t" + HexFormat.of().formatHex(digest.digest());
    }

    private static void feed(MessageDigest digest, Verdict v) {
        StringBuilder sb = new StringBuilder();
        sb.append(v.label()).append('|').append(score(v)).append('|').append(v.category().name()).append('|')
                .append(v.explanation());
        for (FraudCue c : v.cues()) {
            sb.append('|').append(c.kind()).append(',').append(c.category()).append(',').append(c.ruleId()).append(',')
                    .append(c.evidence()).append(',').append(c.turn()).append(',').append(c.speaker()).append(',')
                    .append(String.format(Locale.ROOT, "%.9f", c.weight()));
        }
        sb.append('\n');
        digest.update(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The shortest text that reads back as the same double (scores are rounded to 0.001 by the scorer). */
    private static String score(Verdict v) {
        return Double.toString(v.score());
    }

    private static String oneLine(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** key (set, rate, call id) to the rest of the line. */
    private static Map<String, String> read() throws IOException {
        try (InputStream in = GoldenVerdictsTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as("golden file %s (generate it with -Dethiq.golden.write=true)", FILE).isNotNull();
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> golden = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 4);
            golden.put(f[0] + "\t" + f[1] + "\t" + f[2], f[3]);
        }
        return golden;
    }

    private static void write(Map<String, String> actual) throws IOException {
        Map<String, String> lines = new LinkedHashMap<>();
        Path file = Path.of(FILE);
        if (Files.exists(file)) {
            lines.putAll(parse(Files.readString(file, StandardCharsets.UTF_8))); // keeps the lines of sets absent from this run (the shared directory's)
        }
        lines.putAll(actual);
        StringBuilder sb = new StringBuilder();
        sb.append("# set\trate\tcall\tlabel:score after each final\tlast label\tlast score\tlast category"
                + "\tlast explanation\tsha-256 of every verdict (GoldenVerdictsTest)\n");
        lines.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }
}
