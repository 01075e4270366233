package com.ethiq.core.detection.support;

import com.ethiq.core.detection.CallTranscript;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads the evaluation sets of the shared directory (when present) and transcript files written by tests. */
public final class EvalData {

    private EvalData() {
    }

    /**
     * The shared directory: system property {@code ethiq.shared.dir} when it exists, else {@code ../shared} from the
     * repository root (or a {@code shared} directory beside one of the root's parents). Empty when absent.
     */
    public static Optional<Path> sharedDir() {
        String prop = System.getProperty("ethiq.shared.dir");
        List<Path> candidates = new ArrayList<>();
        if (prop != null && !prop.isBlank()) {
            candidates.add(Path.of(prop));
        }
        Path here = Path.of("").toAbsolutePath();
        Path root = null;
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw"))) {
                root = p;
                break;
            }
        }
        // ../shared beside the repository, or beside one of its parents (git worktrees live deeper)
        for (Path p = root == null ? null : root.getParent(); p != null; p = p.getParent()) {
            candidates.add(p.resolve("shared"));
        }
        return candidates.stream().filter(p -> Files.isDirectory(p.resolve("eval-data"))).findFirst();
    }

    public static Optional<Path> evalFile(String relative) {
        return sharedDir().map(d -> d.resolve("eval-data").resolve(relative)).filter(Files::isRegularFile);
    }

    @SuppressWarnings("unchecked")
    public static CallTranscript fromJson(Map<String, Object> m) {
        List<CallTranscript.Turn> turns = new ArrayList<>();
        for (Object o : (List<Object>) m.get("turns")) {
            Map<String, Object> t = (Map<String, Object>) o;
            turns.add(new CallTranscript.Turn(Speaker.fromWire((String) t.get("speaker")), (String) t.get("text")));
        }
        Object fft = m.get("first_fraud_turn");
        return new CallTranscript((String) m.get("id"), Language.parse((String) m.getOrDefault("language", "fr")),
                (String) m.get("label"), (String) m.get("category"), fft == null ? null : ((Double) fft).intValue(), turns);
    }

    public static List<CallTranscript> readJsonl(Path file) {
        try {
            List<CallTranscript> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(fromJson(MiniJson.object(line)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<CallTranscript> readJsonlResource(String resource) {
        try (var in = EvalData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + resource);
            }
            List<CallTranscript> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(fromJson(MiniJson.object(line)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+");

    /** FTC robocalls: one caller monologue per distinct English transcript, one turn per sentence. */
    public static List<CallTranscript> robocalls(Path csv) {
        List<CallTranscript> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<List<String>> rows = Csv.read(csv);
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() < 3 || !row.get(1).equals("en") || row.get(2).isBlank() || !seen.add(row.get(2).strip())) {
                continue;
            }
            List<CallTranscript.Turn> turns = new ArrayList<>();
            for (String s : SENTENCE.split(row.get(2).strip())) {
                if (!s.isBlank()) {
                    turns.add(new CallTranscript.Turn(Speaker.CALLER, s));
                }
            }
            out.add(new CallTranscript(row.get(0), Language.ENGLISH, "scam", "robocall", null, turns));
        }
        return out;
    }

    /** Synthetic government-impersonation dialogues: attacker = caller, victim = callee. */
    @SuppressWarnings("unchecked")
    public static List<CallTranscript> seDialogues(Path jsonl) {
        try {
            List<CallTranscript> out = new ArrayList<>();
            for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> m = MiniJson.object(line);
                List<CallTranscript.Turn> turns = new ArrayList<>();
                for (Object o : (List<Object>) m.get("turns")) {
                    Map<String, Object> t = (Map<String, Object>) o;
                    Speaker s = "attacker".equals(t.get("role")) ? Speaker.CALLER : Speaker.CALLEE;
                    turns.add(new CallTranscript.Turn(s, String.valueOf(t.get("content"))));
                }
                out.add(new CallTranscript((String) m.get("conversation_id"), Language.ENGLISH, "scam",
                        "government_impersonation", null, turns));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern AGENT_TURN = Pattern.compile("\\[(Agent|Customer|Client|User|Victim)\\]\\s*");

    /** Fraud-R1 items whose raw_data is an "[Agent] ... [Customer] ..." dialogue; agent = caller. */
    @SuppressWarnings("unchecked")
    public static List<CallTranscript> fraudR1Dialogues(Path json) {
        try {
            List<Object> items = (List<Object>) MiniJson.parse(Files.readString(json, StandardCharsets.UTF_8));
            List<CallTranscript> out = new ArrayList<>();
            for (Object o : items) {
                Map<String, Object> m = (Map<String, Object>) o;
                Object raw = m.get("raw_data");
                if (!(raw instanceof String text) || !text.contains("[Agent]")) {
                    continue;
                }
                List<CallTranscript.Turn> turns = new ArrayList<>();
                Matcher mt = AGENT_TURN.matcher(text);
                int lastEnd = -1;
                Speaker last = null;
                while (mt.find()) {
                    if (last != null) {
                        addTurn(turns, last, text.substring(lastEnd, mt.start()));
                    }
                    last = mt.group(1).equals("Agent") ? Speaker.CALLER : Speaker.CALLEE;
                    lastEnd = mt.end();
                }
                if (last != null) {
                    addTurn(turns, last, text.substring(lastEnd));
                }
                out.add(new CallTranscript(String.valueOf(m.get("id")), Language.ENGLISH, "scam",
                        String.valueOf(m.get("subcategory")), null, turns));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addTurn(List<CallTranscript.Turn> turns, Speaker s, String text) {
        if (!text.isBlank()) {
            turns.add(new CallTranscript.Turn(s, text.strip()));
        }
    }

    /** RFC 4180-ish CSV (quoted fields with doubled quotes, newlines inside quotes). */
    static final class Csv {
        static List<List<String>> read(Path file) {
            try {
                String s = Files.readString(file, StandardCharsets.UTF_8);
                List<List<String>> rows = new ArrayList<>();
                List<String> row = new ArrayList<>();
                StringBuilder f = new StringBuilder();
                boolean q = false;
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (q) {
                        if (c == '"') {
                            if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                                f.append('"');
                                i++;
                            } else {
                                q = false;
                            }
                        } else {
                            f.append(c);
                        }
                    } else if (c == '"') {
                        q = true;
                    } else if (c == ',') {
                        row.add(f.toString());
                        f.setLength(0);
                    } else if (c == '\n') {
                        row.add(f.toString());
                        f.setLength(0);
                        rows.add(row);
                        row = new ArrayList<>();
                    } else if (c != '\r') {
                        f.append(c);
                    }
                }
                if (f.length() > 0 || !row.isEmpty()) {
                    row.add(f.toString());
                    rows.add(row);
                }
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
