package com.ethiq.adapter.twilio;

import com.ethiq.core.port.CallControl.CallControlException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import java.util.Set;

/**
 * One failed Twilio request, classified by what we know about its effect. Internal: converted to a
 * {@link CallControlException} before leaving the adapter. Immutable.
 */
final class TwilioFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What the failure says about whether Twilio acted on the request. */
    enum Kind {
        /** Provably not processed: rate limited (429/20429), connection refused, connect timeout. Safe to resend. */
        NOT_PROCESSED,
        /** May or may not have been processed: 5xx, read timeout, connection lost mid-request. */
        OUTCOME_UNKNOWN,
        /** Refused for good: 4xx other than 429 (invalid number, auth failure, not found...). */
        REJECTED
    }

    static final int CODE_NOT_FOUND = 20404;
    static final int CODE_RATE_LIMITED = 20429;
    static final int CODE_INVALID_CALL_STATE = 21220;
    /** Codes documented as permanent for a send; any other 4xx is permanent too (status first, code second). */
    static final Set<Integer> PERMANENT_CODES = Set.of(20003, 21211, 21212, 21408, 21606, 21610, 21612, 21614);

    private final Kind kind;
    private final int httpStatus;
    private final Integer code;
    private final String vendorCode;

    private TwilioFailure(Kind kind, int httpStatus, Integer code, String vendorCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.code = code;
        this.vendorCode = vendorCode;
    }

    /** An HTTP error answer ({@code status >= 400}); {@code code}/{@code message} from Twilio's JSON body if any. */
    static TwilioFailure fromHttp(String what, int status, Integer code, String message) {
        Kind kind;
        if (status == 429 || (code != null && code == CODE_RATE_LIMITED)) {
            kind = Kind.NOT_PROCESSED;
        } else if (code != null && PERMANENT_CODES.contains(code)) {
            kind = Kind.REJECTED;
        } else if (status >= 500) {
            kind = Kind.OUTCOME_UNKNOWN;
        } else if (status == 408) {
            kind = Kind.OUTCOME_UNKNOWN;
        } else {
            kind = Kind.REJECTED;
        }
        String vendorCode = code != null ? String.valueOf(code) : "http-" + status;
        String text = what + ": HTTP " + status + (code != null ? " code " + code : "")
                + (message == null || message.isBlank() ? "" : ": " + PhoneNumberMasking.maskPhoneNumbers(message));
        return new TwilioFailure(kind, status, code, vendorCode, text, null);
    }

    /** The request never reached Twilio (refused, unreachable, connect timeout). */
    static TwilioFailure notSent(String what, Throwable cause) {
        return new TwilioFailure(Kind.NOT_PROCESSED, 0, null, "connect", "not sent: " + what, cause);
    }

    /** The request may have reached Twilio but no answer came back (read timeout, connection lost). */
    static TwilioFailure noAnswer(String what, Throwable cause) {
        return new TwilioFailure(Kind.OUTCOME_UNKNOWN, 0, null, "no-answer", "no answer: " + what, cause);
    }

    /** Classifies what twilio-java itself threw (e.g. an unreadable success body: processed, answer unusable). */
    static TwilioFailure of(RuntimeException e) {
        if (e instanceof TwilioFailure f) {
            return f;
        }
        if (e instanceof ApiException api && api.getStatusCode() != null && api.getStatusCode() >= 400) {
            return fromHttp("twilio-java", api.getStatusCode(), api.getCode(), api.getMessage());
        }
        if (e instanceof TwilioException) {
            return new TwilioFailure(Kind.OUTCOME_UNKNOWN, 0, null, "sdk",
                    "twilio-java failed: " + PhoneNumberMasking.maskPhoneNumbers(String.valueOf(e.getMessage())), e);
        }
        throw e; // our own bug or bad input: not a vendor failure
    }

    Kind kind() {
        return kind;
    }

    int httpStatus() {
        return httpStatus;
    }

    Integer code() {
        return code;
    }

    boolean permanent() {
        return kind == Kind.REJECTED;
    }

    /** Twilio's answer for a call (or conference) that no longer exists or is no longer live. */
    boolean meansAlreadyEnded() {
        return (code != null && (code == CODE_NOT_FOUND || code == CODE_INVALID_CALL_STATE)) || (code == null && httpStatus == 404);
    }

    CallControlException toCallControlException(String operation) {
        return new CallControlException(operation + " failed: " + getMessage(), permanent(), vendorCode, this);
    }
}
