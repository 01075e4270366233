package com.ethiq.app.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;

/**
 * Text fields of API bodies must be text PostgreSQL can store and people can read: a NUL character (which the
 * database refuses with SQLSTATE 22021, once a 503 whose log line quoted the bound e-mail and password hash) or an
 * unpaired UTF-16 surrogate is a 400 naming the field, before any use case runs. Thread-safe.
 */
final class StrictStringDeserializer extends StdScalarDeserializer<String> {
    StrictStringDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String value = StringDeserializer.instance.deserialize(p, ctxt);
        if (value != null) {
            String problem = problem(value);
            if (problem != null) {
                String field = p.getParsingContext().getCurrentName();
                throw new IllegalTextException((field == null ? "a text value" : "'" + field + "'") + " contains " + problem);
            }
        }
        return value;
    }

    /** What is wrong with {@code value}, or null when it is acceptable text. */
    static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "a NUL character";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "invalid Unicode (an unpaired surrogate)";
            }
            if (Character.isLowSurrogate(c)) {
                return "invalid Unicode (an unpaired surrogate)";
            }
        }
        return null;
    }

    /** Surfaces as the cause of Jackson's mapping exception; {@link ApiJson} turns its message into a 400. */
    static final class IllegalTextException extends IllegalArgumentException {
        IllegalTextException(String message) {
            super(message);
        }
    }
}
