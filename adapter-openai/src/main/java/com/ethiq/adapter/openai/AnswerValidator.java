package com.ethiq.adapter.openai;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import com.ethiq.core.port.ScamAnalyzer.TokenUsage;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns the model's JSON text into a validated {@link AiAnalysis}, or an {@link AiFailure} (INVALID_OUTPUT).
 * Rejected: anything but one JSON object with exactly the schema's fields and types; confidence outside 0..1;
 * an unknown category; evidence turns not sent; scam=true with category "none"; a confidence on the wrong side of
 * 0.5 for the verdict; a missing or unsafe spoken warning on a scam. Clamped (harmless, display only): reasons
 * trimmed, blank ones dropped, at most {@value #MAX_REASONS} of at most {@value #MAX_REASON_CHARS} characters;
 * evidence turns de-duplicated and sorted; an unsafe warning on a non-scam answer emptied (it is never spoken).
 * Thread-safe.
 */
final class AnswerValidator {

    static final int MAX_REASONS = 6;
    static final int MAX_REASON_CHARS = 200;
    static final int MAX_WARNING_CHARS = 280;

    /** Spoken in the call: no markup (TTS/SSML), no links, no placeholders, no long numbers to call back. */
    private static final Pattern UNSAFE_WARNING = Pattern.compile(
            "[<>\\[\\]{}]|https?:|www\\.|@|\\d{4,}|\\p{Cntrl}", Pattern.CASE_INSENSITIVE);

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    AiAnalysis validate(String content, Set<Integer> sentTurns, String model, TokenUsage usage) {
        JsonNode root;
        try {
            root = mapper.readTree(content);
        } catch (JsonProcessingException e) {
            // the parser's message may quote the model's text: keep it out of exceptions and logs
            throw invalid("the answer is not one JSON object (truncated or malformed)");
        }
        if (root == null || !root.isObject()) {
            throw invalid("the answer is not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!AnalysisSchema.FIELDS.contains(name)) {
                throw invalid("unexpected field '" + name + "'");
            }
        }
        for (String field : AnalysisSchema.FIELDS) {
            if (!root.has(field)) {
                throw invalid("missing field '" + field + "'");
            }
        }
        JsonNode scamNode = root.get("scam");
        if (!scamNode.isBoolean()) {
            throw invalid("'scam' must be a boolean");
        }
        boolean scam = scamNode.booleanValue();
        JsonNode confidenceNode = root.get("confidence");
        if (!confidenceNode.isNumber()) {
            throw invalid("'confidence' must be a number");
        }
        double confidence = confidenceNode.doubleValue();
        if (!(confidence >= 0 && confidence <= 1)) {
            throw invalid("'confidence' must be within 0..1, got " + confidence);
        }
        if (scam && confidence < 0.5 || !scam && confidence > 0.5) {
            throw invalid("'confidence' " + confidence + " contradicts scam=" + scam);
        }
        JsonNode categoryNode = root.get("category");
        if (!categoryNode.isTextual() || !AnalysisSchema.CATEGORIES.contains(categoryNode.textValue())) {
            throw invalid("'category' must be one of the schema's values");
        }
        ScamCategory category = ScamCategory.fromWire(categoryNode.textValue());
        if (scam && category == ScamCategory.NONE) {
            throw invalid("'category' none contradicts scam=true");
        }
        List<String> reasons = reasons(root.get("reasons"));
        List<Integer> evidence = evidence(root.get("evidence_turns"), sentTurns);
        String warning = warning(root.get("warning"), scam);
        return new AiAnalysis(scam, confidence, category, reasons, evidence, warning, model, usage);
    }

    private static List<String> reasons(JsonNode node) {
        if (!node.isArray()) {
            throw invalid("'reasons' must be an array");
        }
        List<String> reasons = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw invalid("'reasons' must hold strings");
            }
            String reason = item.textValue().replaceAll("\\p{Cntrl}", " ").strip();
            if (reason.isEmpty() || reasons.size() == MAX_REASONS) {
                continue;
            }
            reasons.add(reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS - 1) + "…" : reason);
        }
        return reasons;
    }

    private static List<Integer> evidence(JsonNode node, Set<Integer> sentTurns) {
        if (!node.isArray()) {
            throw invalid("'evidence_turns' must be an array");
        }
        TreeSet<Integer> turns = new TreeSet<>();
        for (JsonNode item : node) {
            if (!item.isIntegralNumber() || !item.canConvertToInt()) {
                throw invalid("'evidence_turns' must hold integers");
            }
            int turn = item.intValue();
            if (!sentTurns.contains(turn)) {
                throw invalid("'evidence_turns' cites turn " + turn + ", which was not sent");
            }
            turns.add(turn);
        }
        return List.copyOf(turns);
    }

    private static String warning(JsonNode node, boolean scam) {
        if (!node.isTextual()) {
            throw invalid("'warning' must be a string");
        }
        String warning = node.textValue().strip();
        boolean unsafe = warning.length() > MAX_WARNING_CHARS || UNSAFE_WARNING.matcher(warning).find();
        if (scam) {
            if (warning.isEmpty()) {
                throw invalid("'warning' is empty for a scam");
            }
            if (unsafe) {
                throw invalid("'warning' is not safe to speak (length, markup, link or long number)");
            }
            return warning;
        }
        return unsafe ? "" : warning;
    }

    private static AiFailure invalid(String message) {
        return AiFailure.of(AiOutcome.INVALID_OUTPUT, "invalid answer: " + message, false);
    }
}
