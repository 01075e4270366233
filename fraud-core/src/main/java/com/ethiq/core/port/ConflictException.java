package com.ethiq.core.port;

import com.ethiq.core.EthiqException;

/** A write broke a uniqueness rule (a number or SIP address already taken). The message names the field, never another tenant's data. */
public class ConflictException extends EthiqException {
    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
