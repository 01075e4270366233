package com.ethiq.adapter.twilio.fake;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A scripted misbehaviour of {@link FakeTwilioApi} for the next matching requests: an error answer instead of
 * processing, an error answer after processing (the ambiguous case), and/or a delay before processing. Immutable;
 * build with {@link #on} or {@link #onAnyRequest} and the {@code with…} methods, then {@link FakeTwilioApi#inject}.
 *
 * <pre>{@code
 * api.inject(Fault.on("POST", "/Messages.json").respond(500, 20500));             // nothing sent, 500
 * api.inject(Fault.on("POST", "/Messages.json").respondAfterProcessing(500, 20500)); // sent, then 500
 * api.inject(Fault.onAnyRequest().times(3).respond(429, 20429));
 * api.inject(Fault.on("GET", "/Conferences.json").delay(Duration.ofSeconds(2)));
 * }</pre>
 */
public final class Fault {
    final String method;
    final String pathSuffix;
    final String account;
    final int times;
    final int status;
    final int code;
    final boolean afterProcessing;
    final Duration delay;

    private Fault(String method, String pathSuffix, String account, int times, int status, int code, boolean afterProcessing, Duration delay) {
        this.method = method;
        this.pathSuffix = pathSuffix;
        this.account = account;
        this.times = times;
        this.status = status;
        this.code = code;
        this.afterProcessing = afterProcessing;
        this.delay = delay;
    }

    /** Requests with this HTTP method whose path ends with {@code pathSuffix} (e.g. "/Messages.json"). */
    public static Fault on(String method, String pathSuffix) {
        Objects.requireNonNull(method, "'method' must not be null");
        Objects.requireNonNull(pathSuffix, "'pathSuffix' must not be null");
        return new Fault(method.toUpperCase(Locale.ROOT), pathSuffix, null, 1, 0, 0, false, Duration.ZERO);
    }

    public static Fault onAnyRequest() {
        return new Fault(null, null, null, 1, 0, 0, false, Duration.ZERO);
    }

    /** Only requests made on this account's path. */
    public Fault forAccount(String accountSid) {
        return new Fault(method, pathSuffix, accountSid, times, status, code, afterProcessing, delay);
    }

    /** How many matching requests it applies to (default 1). */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("'times' must be at least 1, got " + n);
        }
        return new Fault(method, pathSuffix, account, n, status, code, afterProcessing, delay);
    }

    /** Answer {@code status} with Twilio error {@code code} without processing the request. */
    public Fault respond(int status, int code) {
        return new Fault(method, pathSuffix, account, times, checkStatus(status), code, false, delay);
    }

    /** Process the request (the SMS is sent, the announcement set...) but answer {@code status}/{@code code}. */
    public Fault respondAfterProcessing(int status, int code) {
        return new Fault(method, pathSuffix, account, times, checkStatus(status), code, true, delay);
    }

    /** Wait this long before processing (and answering); combine with a client read timeout for lost answers. */
    public Fault delay(Duration d) {
        Objects.requireNonNull(d, "'delay' must not be null");
        return new Fault(method, pathSuffix, account, times, status, code, afterProcessing, d);
    }

    boolean matches(String requestMethod, String path, String requestAccount) {
        return (method == null || method.equals(requestMethod))
                && (pathSuffix == null || path.endsWith(pathSuffix))
                && (account == null || account.equals(requestAccount));
    }

    private static int checkStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("'status' must be an HTTP error status 400..599, got " + status);
        }
        return status;
    }

    @Override
    public String toString() {
        return "Fault[" + (method == null ? "*" : method) + " *" + (pathSuffix == null ? "" : pathSuffix)
                + (account == null ? "" : " account=" + account) + " x" + times
                + (status == 0 ? "" : (afterProcessing ? " process-then-" : " ") + status + "/" + code)
                + (delay.isZero() ? "" : " delay=" + delay) + "]";
    }
}
