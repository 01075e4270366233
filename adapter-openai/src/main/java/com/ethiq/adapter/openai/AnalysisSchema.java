package com.ethiq.adapter.openai;

import com.ethiq.core.detection.ScamCategory;
import com.openai.core.JsonValue;
import com.openai.models.ResponseFormatJsonSchema;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strict JSON schema of the model's answer. Strict mode needs every property required and no additional
 * properties. Properties are ordered so the model writes its reasons and evidence before its verdict. Ranges are
 * stated in descriptions and enforced by {@link AnswerValidator} rather than with {@code minimum}/{@code maximum},
 * which some compatible endpoints reject.
 */
final class AnalysisSchema {

    static final String NAME = "ethiq_scam_analysis";
    static final List<String> FIELDS = List.of("reasons", "evidence_turns", "category", "scam", "confidence", "warning");
    static final List<String> CATEGORIES = Arrays.stream(ScamCategory.values()).map(ScamCategory::wire).toList();

    private static final ResponseFormatJsonSchema FORMAT = build();

    private AnalysisSchema() {
    }

    static ResponseFormatJsonSchema responseFormat() {
        return FORMAT;
    }

    /** The schema as plain maps and lists (also what the tests compare the wire against). */
    static Map<String, Object> schema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("reasons", Map.of("type", "array", "items", Map.of("type", "string"),
                "description", "1 à 4 raisons courtes"));
        properties.put("evidence_turns", Map.of("type", "array", "items", Map.of("type", "integer"),
                "description", "numéros [n] des tours qui justifient la réponse"));
        properties.put("category", Map.of("type", "string", "enum", CATEGORIES,
                "description", "catégorie d'arnaque, none si ce n'est pas une arnaque"));
        properties.put("scam", Map.of("type", "boolean", "description", "true si l'appel est probablement une arnaque"));
        properties.put("confidence", Map.of("type", "number",
                "description", "probabilité entre 0 et 1 que l'appel soit une arnaque"));
        properties.put("warning", Map.of("type", "string",
                "description", "phrase courte à dire dans l'appel si scam est true, sinon chaîne vide"));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", FIELDS);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ResponseFormatJsonSchema build() {
        ResponseFormatJsonSchema.JsonSchema.Schema.Builder schema = ResponseFormatJsonSchema.JsonSchema.Schema.builder();
        schema().forEach((key, value) -> schema.putAdditionalProperty(key, JsonValue.from(value)));
        return ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name(NAME)
                        .strict(true)
                        .schema(schema.build())
                        .build())
                .build();
    }
}
