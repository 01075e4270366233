package com.ethiq.app.api;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-field entries of a 400 ({@code errors: [{field, code, message}]}), so a client can translate them: the
 * message a use case or the JSON reader wrote is matched against the table below, which names the API's field (the
 * core says "'transcriptRetention'", the API's field is {@code retentionDays}) and a stable code. A message nobody
 * listed keeps the field it quotes first and the code {@code invalid}. The codes are documented in docs/api.md.
 * Stateless.
 */
final class FieldErrors {

    /** One invalid field; {@code field} is null when the problem is the request as a whole. */
    record FieldError(String field, String code, String message) {
    }

    private record Rule(Pattern pattern, String field, String code) {
    }

    /** Field "$1" means: the field the message quotes. First match wins. */
    private static final List<Rule> RULES = List.of(
            rule("^'suspicious' threshold \\(.*\\) must be below 'scam'", "suspiciousThreshold", "threshold_order"),
            rule("^'suspicious' threshold must be within", "suspiciousThreshold", "out_of_range"),
            rule("^'scam' threshold must be within", "scamThreshold", "out_of_range"),
            rule("^'transcriptRetention' must be", "retentionDays", "out_of_range"),
            rule("^'clearCallRetention' must be", "clearCallRetentionDays", "out_of_range"),
            rule("^'blockedCallers' must be", "blockedCallers", "not_allowed"),
            rule("^'customPhrases' must hold at most", "customPhrases", "too_many"),
            rule("^'phrase' must be", "customPhrases", "length"),
            rule("^'weight' must be", "customPhrases", "out_of_range"),
            rule("^'(cueKind|category)' must be", "customPhrases", "not_allowed"),
            rule("^'aiDailyRequestBudget' must be", "aiDailyRequestBudget", "out_of_range"),
            rule("^'language' must be", "language", "not_allowed"),
            rule("^give at least one setting", null, "empty_change"),
            rule("^'phoneNumber' must be E\\.164", "phone", PhoneNumbers.INVALID),
            rule("^'([A-Za-z.\\[\\]0-9]+)' is required", "$1", "required"),
            rule("^'([A-Za-z.\\[\\]0-9]+)' must be (at most )?[0-9]+(-[0-9]+)? characters", "$1", "length"),
            rule("^'([A-Za-z.\\[\\]0-9]+)' must be one of", "$1", "not_allowed"),
            rule("^'([A-Za-z.\\[\\]0-9]+)' has the wrong type or is missing", "$1", "wrong_type"),
            rule("^unknown field '([^']+)'", "$1", "unknown_field"),
            rule("^malformed JSON|^a JSON (body|object) is required|^the body", null, "malformed_body"));
    private static final Pattern QUOTED = Pattern.compile("^'([A-Za-z][A-Za-z0-9_.]*)'");

    private FieldErrors() {
    }

    private static Rule rule(String regex, String field, String code) {
        return new Rule(Pattern.compile(regex), field, code);
    }

    /** The entries of a 400 whose detail is {@code message}. */
    static List<FieldError> of(String message) {
        String m = message == null ? "" : message;
        for (Rule r : RULES) {
            Matcher match = r.pattern().matcher(m);
            if (match.find()) {
                String field = "$1".equals(r.field()) ? match.group(1) : r.field();
                return List.of(new FieldError(field, r.code(), m));
            }
        }
        Matcher quoted = QUOTED.matcher(m);
        return List.of(new FieldError(quoted.find() ? quoted.group(1) : null, "invalid", m));
    }
}
