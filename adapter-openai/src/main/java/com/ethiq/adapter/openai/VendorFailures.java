package com.ethiq.adapter.openai;

import com.openai.core.http.Headers;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Maps what openai-java throws to an {@link AiFailure}: outcome, permanence, breaker weight, retry hint. */
final class VendorFailures {

    /** What the vendor's answer says about retrying: whether it may help and after how long. */
    record Classified(AiFailure failure, boolean retryable, Optional<Duration> retryAfter) {
    }

    private VendorFailures() {
    }

    static Classified classify(RuntimeException e, java.time.Clock clock) {
        if (e instanceof OpenAIServiceException service) {
            return service(service, clock);
        }
        if (e instanceof OpenAIIoException) {
            boolean timeout = hasCause(e, InterruptedIOException.class);
            AiFailure f = timeout
                    ? AiFailure.vendor(AiOutcome.TIMEOUT, "no answer within the time left", "timeout", false, true)
                    : AiFailure.vendor(AiOutcome.VENDOR_ERROR, "connection failed: " + rootName(e), "io_error", false, true);
            return new Classified(f, true, Optional.empty()); // a connect timeout may pass on a second try
        }
        if (e instanceof OpenAIInvalidDataException) {
            return new Classified(AiFailure.vendor(AiOutcome.VENDOR_ERROR, "unreadable response body", "invalid_response",
                    false, true), false, Optional.empty());
        }
        return new Classified(AiFailure.vendor(AiOutcome.VENDOR_ERROR, "unexpected failure: " + e.getClass().getSimpleName(),
                "unexpected", false, true), false, Optional.empty());
    }

    private static Classified service(OpenAIServiceException e, java.time.Clock clock) {
        int status = e.statusCode();
        String code = e.code().filter(c -> !c.isBlank()).orElse("http_" + status);
        String message = "HTTP " + status + " (" + code + ")";
        Headers headers = e.headers();
        Optional<Duration> retryAfter = retryAfter(headers, clock);
        Optional<Boolean> shouldRetry = first(headers, "x-should-retry").map(v -> v.equalsIgnoreCase("true"));
        AiFailure failure;
        boolean retryable;
        if (status == 401 || status == 403) {
            failure = AiFailure.vendor(AiOutcome.AUTH_FAILED, message, code, true, true);
            retryable = false;
        } else if (status == 429 && "insufficient_quota".equals(code)) {
            failure = AiFailure.vendor(AiOutcome.QUOTA_EXCEEDED, message, code, true, true);
            retryable = false;
        } else if (status == 429) {
            failure = AiFailure.vendor(AiOutcome.VENDOR_RATE_LIMITED, message, code, false, true);
            retryable = true;
        } else if (status == 400 || status == 422) {
            // about this request (too long, unsupported parameter): the endpoint itself is fine
            failure = AiFailure.vendor(AiOutcome.BAD_REQUEST, message, code, true, false);
            retryable = false;
        } else if (status == 404) {
            failure = AiFailure.vendor(AiOutcome.VENDOR_ERROR, message, code, true, true);
            retryable = false;
        } else {
            failure = AiFailure.vendor(AiOutcome.VENDOR_ERROR, message, code, false, true);
            retryable = status == 408 || status == 409 || status >= 500;
        }
        if (shouldRetry.isPresent() && !failure.permanent) {
            retryable = shouldRetry.get();
        }
        return new Classified(failure, retryable, retryAfter);
    }

    /**
     * The wait the vendor asks for: {@code retry-after-ms} (milliseconds, OpenAI's own), else {@code retry-after}
     * (seconds or an HTTP date). Absent, unparsable or negative values give nothing.
     */
    static Optional<Duration> retryAfter(Headers headers, java.time.Clock clock) {
        Optional<String> ms = first(headers, "retry-after-ms");
        if (ms.isPresent()) {
            try {
                double v = Double.parseDouble(ms.get());
                if (v >= 0 && Double.isFinite(v)) {
                    return Optional.of(Duration.ofNanos((long) (v * 1_000_000)));
                }
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        Optional<String> after = first(headers, "retry-after");
        if (after.isEmpty()) {
            return Optional.empty();
        }
        String value = after.get();
        try {
            double seconds = Double.parseDouble(value);
            return seconds >= 0 && Double.isFinite(seconds)
                    ? Optional.of(Duration.ofMillis((long) (seconds * 1000))) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> first(Headers headers, String name) {
        for (String candidate : headers.names()) {
            if (candidate.toLowerCase(Locale.ROOT).equals(name)) {
                List<String> values = headers.values(candidate);
                return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0).strip());
            }
        }
        return Optional.empty();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootName(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
