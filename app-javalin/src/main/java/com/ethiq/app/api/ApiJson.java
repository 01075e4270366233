package com.ethiq.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The API's own JSON mapper, strict on input: unknown fields, trailing tokens, nulls for primitives, numbers for
 * enums, numbers or booleans for strings, NUL characters and unpaired surrogates in text, and duplicate keys are 400s with a message naming the field (never a 500 and never an echo of the value).
 * Bodies are read with a hard byte cap. Times are ISO-8601. Thread-safe.
 */
public final class ApiJson {
    private final ObjectMapper mapper;

    public ApiJson() {
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("ethiq-strict-text")
                        .addDeserializer(String.class, new StrictStringDeserializer()))
                .build();
        // {"name":5} is not a string: numbers and booleans are never coerced to text
        for (com.fasterxml.jackson.databind.cfg.CoercionInputShape shape : List.of(
                com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float,
                com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Textual)
                    .setCoercion(shape, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        }
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                .maxStringLength(100_000).maxNumberLength(64).build());
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Reads at most {@code maxBytes}; more is a 413. */
    public static byte[] readCapped(InputStream in, int maxBytes) throws IOException {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new ApiException(413, "payload-too-large", "the request body must be at most " + maxBytes + " bytes");
        }
        return bytes;
    }

    public <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw ApiException.badRequest("a JSON body is required");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("a JSON object is required");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field '" + e.getPropertyName() + "'");
        } catch (MismatchedInputException e) {
            String path = path(e);
            throw ApiException.badRequest(path.isEmpty() ? "the body must be a JSON object of the documented shape"
                    : "'" + path + "' has the wrong type or is missing");
        } catch (JsonParseException e) {
            throw ApiException.badRequest("malformed JSON");
        } catch (JsonMappingException e) {
            // A compact constructor refused the value: its message names the field.
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae && iae.getMessage() != null) {
                throw ApiException.badRequest(iae.getMessage());
            }
            throw ApiException.badRequest("the body does not match the documented shape");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON");
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable body");
        }
    }

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable: " + value.getClass().getSimpleName(), e);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
