package com.ethiq.app.api;

import java.util.List;

/**
 * A 400 whose fields are known at the edge (a phone number that does not parse...): it carries its per-field entries
 * as they are, instead of {@link FieldErrors} reading them back from a message.
 */
final class FieldProblem extends ApiException {
    private final List<FieldErrors.FieldError> errors;

    private FieldProblem(String message, List<FieldErrors.FieldError> errors) {
        super(400, "validation", message);
        this.errors = List.copyOf(errors);
    }

    static FieldProblem of(String field, String code, String message) {
        return new FieldProblem(message, List.of(new FieldErrors.FieldError(field, code, message)));
    }

    List<FieldErrors.FieldError> errors() {
        return errors;
    }
}
