package com.ethiq.app.sim;

import com.ethiq.core.domain.Speaker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One scripted conversation in the shared transcript format ({@code {"id":…,"language":"fr","label":"scam|legit",
 * "category":…,"turns":[{"speaker":"caller|callee","text":…}]}}, one per line). The caller speaks on Twilio's
 * {@code inbound} track, the protected person on {@code outbound}. Immutable.
 */
public record CallScript(String id, String language, String label, String category, List<Turn> turns) {
    /** The scripts bundled in the jar (French scams and legitimate calls). */
    public static final String BUNDLED = "/sim/scripts-fr.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of the conversation. */
    public record Turn(Speaker speaker, String text) {
        public Turn {
            Objects.requireNonNull(speaker, "'speaker' must not be null");
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("'text' of a turn must not be blank");
            }
            text = text.strip();
        }

        /** Twilio's name of the track this speaker is heard on. */
        public String track() {
            return speaker == Speaker.CALLER ? "inbound" : "outbound";
        }

        public int words() {
            return text.split("\\s+").length;
        }
    }

    public CallScript {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("'id' must not be blank");
        }
        language = language == null || language.isBlank() ? "fr" : language;
        label = label == null ? "" : label;
        category = category == null ? "" : category;
        turns = List.copyOf(turns);
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("'turns' of script '" + id + "' must not be empty");
        }
    }

    public boolean isScam() {
        return "scam".equals(label);
    }

    /** The bundled scripts, in file order. */
    public static List<CallScript> bundled() {
        try (InputStream in = CallScript.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("bundled scripts " + BUNDLED + " are missing from the classpath");
            }
            return read(in, BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every script of a JSONL transcript file. */
    public static List<CallScript> readFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read transcript file " + file + ": " + e.getMessage(), e);
        }
    }

    static List<CallScript> read(InputStream in, String source) throws IOException {
        List<CallScript> out = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(parse(JSON.readTree(line)));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + n + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no transcript");
        }
        return out;
    }

    private static CallScript parse(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("each line must be a JSON object");
        }
        List<Turn> turns = new ArrayList<>();
        for (JsonNode t : node.path("turns")) {
            turns.add(new Turn(Speaker.fromWire(t.path("speaker").asText("")), t.path("text").asText("")));
        }
        return new CallScript(node.path("id").asText(""), node.path("language").asText("fr"),
                node.path("label").asText(""), node.path("category").asText(""), turns);
    }
}
