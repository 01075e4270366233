package com.ethiq.core.detection;

/** A rule pack (or a tenant's custom phrase) that cannot be compiled; the message names the pack and line. */
public final class InvalidRulePackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRulePackException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidRulePackException(String message) {
        super(message);
    }
}
