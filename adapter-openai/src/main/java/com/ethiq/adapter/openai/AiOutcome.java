package com.ethiq.adapter.openai;

/** How one AI analysis request ended, for the request log and billing. */
public enum AiOutcome {
    /** A validated analysis was returned. */
    SUCCESS,
    /** The model refused or its output was filtered. Tokens may still be billed. */
    REFUSED,
    /** The answer was truncated, not JSON, off-schema or absurd. Tokens are billed. */
    INVALID_OUTPUT,
    /** No answer within the request budget. */
    TIMEOUT,
    /** The vendor answered 429 (and no retry fitted in the budget). */
    VENDOR_RATE_LIMITED,
    /** The key's quota or billing limit is exhausted (429 insufficient_quota). */
    QUOTA_EXCEEDED,
    /** 5xx, connection failure, unreadable response, other vendor status. */
    VENDOR_ERROR,
    /** 401/403: the key is wrong, revoked or lacks access. */
    AUTH_FAILED,
    /** 400/422: the vendor rejected the request itself. */
    BAD_REQUEST,
    /** The circuit breaker of this key is open: no request was sent. */
    CIRCUIT_OPEN,
    /** Too many AI calls in flight on this node: no request was sent. */
    BULKHEAD_FULL,
    /** The tenant's AI call budget for the period is used up: no request was sent. */
    TENANT_RATE_LIMITED,
    /** Neither the tenant nor the platform has a key, or the tenant's key could not be read: no request was sent. */
    NO_API_KEY;

    /** The vendor code put in {@code AnalysisUnavailableException} when nothing more precise is known. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
