package com.ethiq.adapter.speech;

import com.google.api.gax.rpc.ApiException;
import io.grpc.Status;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * Why a Google stream ended, and what to do about it. OUT_OF_RANGE (stream time limit, audio timeout) calls for a
 * new stream at once; UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, INTERNAL, ABORTED and UNKNOWN for a new
 * stream after a backoff; INVALID_ARGUMENT, PERMISSION_DENIED, UNAUTHENTICATED and the other codes will not get
 * better by retrying. Immutable.
 */
record StreamError(String code, Action action, String message) {
    enum Action { RESTART, RETRY, PERMANENT, CANCELLED }

    static StreamError of(Throwable error) {
        if (error instanceof CancellationException) {
            return new StreamError("CANCELLED", Action.CANCELLED, "cancelled by us");
        }
        String code;
        if (error instanceof ApiException api) {
            code = api.getStatusCode().getCode().name();
        } else {
            code = Status.fromThrowable(error).getCode().name();
        }
        return new StreamError(code, actionFor(code), describe(error));
    }

    /** For an error carried inside a response ({@code google.rpc.Status}, numeric gRPC code). */
    static StreamError ofRpcStatus(int numericCode, String message) {
        String code = Status.fromCodeValue(numericCode).getCode().name();
        return new StreamError(code, actionFor(code), message == null ? "" : message);
    }

    static Action actionFor(String code) {
        switch (code) {
            case "OUT_OF_RANGE":
                return Action.RESTART;
            case "UNAVAILABLE":
            case "DEADLINE_EXCEEDED":
            case "RESOURCE_EXHAUSTED":
            case "INTERNAL":
            case "ABORTED":
            case "UNKNOWN":
                return Action.RETRY;
            case "CANCELLED":
                return Action.CANCELLED;
            default:
                return Action.PERMANENT;
        }
    }

    boolean mentionsModel() {
        return message.toLowerCase(Locale.ROOT).contains("model");
    }

    private static String describe(Throwable error) {
        Status status = Status.fromThrowable(error);
        String description = status.getDescription();
        if (description == null) {
            description = error.getMessage();
        }
        return description == null ? "" : description;
    }
}
