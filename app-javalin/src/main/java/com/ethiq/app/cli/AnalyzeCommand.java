package com.ethiq.app.cli;

import com.ethiq.core.detection.CallReplay;
import com.ethiq.core.detection.CallTranscript;
import com.ethiq.core.detection.DetectionEngine;
import com.ethiq.core.detection.FraudCue;
import com.ethiq.core.detection.QualityReport;
import com.ethiq.core.detection.RecogniserNoise;
import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ethiq analyze FILE.jsonl [--summary] [--noise WER --seed N]}: replays transcript files (docs/architecture.md, "Transcript files")
 * through the detection engine, each turn as a final segment, and prints one JSON line per call. With
 * {@code --summary}, quality figures go to standard error. Bad lines are reported with their line number and
 * skipped; the exit code is non-zero only when no call could be read. With {@code --noise}, every turn first goes
 * through {@link RecogniserNoise} (interim results then final, at that word error rate), and the printed line also
 * carries the noisy {@code turns}.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Replays transcript files (one JSON call per line) through the detection rules.",
                "Prints one JSON line per call: id, verdict (the strongest reached during the call), score, category,",
                "first_alert_turn (first 0-based turn after which the verdict was scam, or null), cues."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:at least one call analysed", "1:no call could be read", "2:bad usage or unreadable file"})
public final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "Transcript file, or - for standard input.")
    String file;

    @Option(names = "--summary", description = "Also print precision, recall, false-positive rate and median earliness "
            + "(first_alert_turn - first_fraud_turn) to standard error, when the calls are labelled.")
    boolean summary;

    @Option(names = "--suspicious", paramLabel = "SCORE", description = "Suspicious threshold (default: ${DEFAULT-VALUE}).")
    double suspicious = DetectionThresholds.DEFAULT.suspicious();

    @Option(names = "--scam", paramLabel = "SCORE", description = "Scam (alert) threshold (default: ${DEFAULT-VALUE}).")
    double scam = DetectionThresholds.DEFAULT.scam();

    @Option(names = "--noise", paramLabel = "WER", description = "Replays the calls as a telephone speech recogniser "
            + "would deliver them at this word error rate (0 to 0.5), interim results included (docs/detection.md).")
    double noise;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the --noise model (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    /** Where "-" reads from; replaceable in tests. */
    InputStream stdin = System.in;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DetectionThresholds thresholds;
        try {
            thresholds = new DetectionThresholds(suspicious, scam);
        } catch (IllegalArgumentException e) {
            err.println("ethiq analyze: " + e.getMessage());
            return 2;
        }
        if (!(noise >= 0 && noise <= 0.5)) {
            err.println("ethiq analyze: --noise must be between 0 and 0.5, got " + noise);
            return 2;
        }
        DetectionEngine engine = DetectionEngine.withDefaultPacks();
        QualityReport report = new QualityReport();
        List<String> missed = new ArrayList<>();
        List<String> falseAlarms = new ArrayList<>();
        int analysed = 0;
        int bad = 0;
        List<CallTranscript> calls = new ArrayList<>();
        try (BufferedReader in = open(err)) {
            if (in == null) {
                return 2;
            }
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    CallTranscript call = parse(line);
                    if (noise > 0) {
                        calls.add(call); // the noise model draws its confusions from the whole file's words
                    } else {
                        analysed += analyse(engine, call, thresholds, null, out, report, missed, falseAlarms);
                    }
                } catch (IllegalArgumentException | JsonProcessingException e) {
                    bad++;
                    err.println("ethiq analyze: " + name() + " line " + lineNo + ": " + message(e) + " (line skipped)");
                }
            }
        } catch (IOException e) {
            err.println("ethiq analyze: cannot read " + name() + ": " + e.getMessage());
            if (calls.isEmpty()) {
                return analysed > 0 ? 0 : 1;
            }
        }
        Map<Language, RecogniserNoise> models = new LinkedHashMap<>();
        for (CallTranscript call : calls) {
            RecogniserNoise model = models.computeIfAbsent(call.language(),
                    l -> RecogniserNoise.forCalls(l, noise, seed, calls));
            try {
                analysed += analyse(engine, call, thresholds, model, out, report, missed, falseAlarms);
            } catch (JsonProcessingException e) {
                err.println("ethiq analyze: cannot write the result of " + call.id() + ": " + e.getOriginalMessage());
            }
        }
        if (summary) {
            printSummary(err, report, analysed, bad, missed, falseAlarms);
        }
        err.flush();
        if (analysed == 0) {
            err.println("ethiq analyze: no call could be read from " + name());
            return 1;
        }
        return 0;
    }

    private int analyse(DetectionEngine engine, CallTranscript call, DetectionThresholds thresholds,
                        RecogniserNoise model, PrintWriter out, QualityReport report, List<String> missed,
                        List<String> falseAlarms) throws JsonProcessingException {
        CallReplay.Result result = CallReplay.replay(engine, call, thresholds, model);
        Map<String, Object> line = toJson(result);
        if (model != null) {
            List<Map<String, String>> heard = new ArrayList<>();
            for (CallTranscript.Turn t : result.call().turns()) {
                heard.add(Map.of("speaker", t.speaker().wire(), "text", t.text()));
            }
            line.put("turns", heard);
        }
        out.println(json.writeValueAsString(line));
        out.flush();
        report.add(result);
        if (call.isLabelled() && call.isScam() != result.alerted()) {
            (call.isScam() ? missed : falseAlarms).add(call.id());
        }
        return 1;
    }

    private String name() {
        return "-".equals(file) ? "<stdin>" : file;
    }

    private BufferedReader open(PrintWriter err) throws IOException {
        if ("-".equals(file)) {
            return new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            err.println("ethiq analyze: cannot read '" + file + "': no such readable file");
            return null;
        }
        return Files.newBufferedReader(path, StandardCharsets.UTF_8);
    }

    private static String message(Exception e) {
        if (e instanceof JsonProcessingException j) {
            return "not valid JSON (" + j.getOriginalMessage() + ")";
        }
        return e.getMessage();
    }

    /** Reads one call; errors are {@link IllegalArgumentException}s naming the field. */
    CallTranscript parse(String line) throws JsonProcessingException {
        JsonNode node = json.readTree(line);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        JsonNode id = node.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new IllegalArgumentException("'id' must be a non-empty string");
        }
        JsonNode lang = node.get("language");
        Language language = lang == null || lang.isNull() ? Language.FRENCH : Language.parse(lang.asText());
        String label = textOrNull(node, "label");
        String category = textOrNull(node, "category");
        JsonNode fft = node.get("first_fraud_turn");
        Integer firstFraudTurn = null;
        if (fft != null && !fft.isNull()) {
            if (!fft.canConvertToInt()) {
                throw new IllegalArgumentException("'first_fraud_turn' must be an integer or null");
            }
            firstFraudTurn = fft.intValue();
        }
        JsonNode turns = node.get("turns");
        if (turns == null || !turns.isArray()) {
            throw new IllegalArgumentException("'turns' must be an array");
        }
        List<CallTranscript.Turn> list = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            JsonNode t = turns.get(i);
            JsonNode speaker = t == null ? null : t.get("speaker");
            JsonNode text = t == null ? null : t.get("text");
            if (speaker == null || !speaker.isTextual() || text == null || !text.isTextual()) {
                throw new IllegalArgumentException("turn " + i + " needs a 'speaker' and a 'text' string");
            }
            list.add(new CallTranscript.Turn(Speaker.fromWire(speaker.asText()), text.asText()));
        }
        return new CallTranscript(id.asText(), language, label, category, firstFraudTurn, list);
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Map<String, Object> toJson(CallReplay.Result r) {
        Verdict peak = r.peak();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.call().id());
        m.put("verdict", peak.label());
        m.put("score", peak.score());
        m.put("category", peak.category() == ScamCategory.NONE ? "none" : peak.category().wire());
        m.put("first_alert_turn", r.firstAlertTurn());
        m.put("final_verdict", r.last().label());
        List<Map<String, Object>> cues = new ArrayList<>();
        for (FraudCue c : peak.cues()) {
            Map<String, Object> cue = new LinkedHashMap<>();
            cue.put("kind", c.kind().wire());
            cue.put("category", c.category() == ScamCategory.NONE ? null : c.category().wire());
            cue.put("rule", c.ruleId());
            cue.put("turn", c.turn());
            cue.put("speaker", c.speaker().wire());
            cue.put("weight", c.weight());
            cue.put("evidence", c.evidence());
            cues.add(cue);
        }
        m.put("cues", cues);
        m.put("explanation", peak.explanation());
        return m;
    }

    private void printSummary(PrintWriter err, QualityReport r, int analysed, int bad, List<String> missed,
                                     List<String> falseAlarms) {
        err.println("== ethiq analyze summary ==");
        err.printf(Locale.ROOT, "calls analysed: %d, bad lines: %d, labelled: %d%n", analysed, bad, r.labelled());
        if (noise > 0) {
            err.printf(Locale.ROOT, "recogniser noise: word error rate %.2f, seed %d%n", noise, seed);
        }
        if (r.labelled() == 0) {
            err.println("no labels: precision and recall need 'label' fields");
            return;
        }
        err.printf(Locale.ROOT, "scam calls: %d (flagged %d, missed %d); legit calls: %d (false alarms %d)%n",
                r.truePositives() + r.falseNegatives(), r.truePositives(), r.falseNegatives(),
                r.trueNegatives() + r.falsePositives(), r.falsePositives());
        err.println("precision:           " + fmt(r.precision()));
        err.println("recall:              " + fmt(r.recall()));
        err.println("false-positive rate: " + fmt(r.falsePositiveRate()));
        err.println("median earliness:    " + fmt(r.medianEarliness())
                + " turns (first_alert_turn - first_fraud_turn; negative is earlier than the labeller)");
        if (!missed.isEmpty()) {
            err.println("missed scams: " + String.join(", ", missed));
        }
        if (!falseAlarms.isEmpty()) {
            err.println("false alarms: " + String.join(", ", falseAlarms));
        }
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
