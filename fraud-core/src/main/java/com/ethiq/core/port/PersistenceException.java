package com.ethiq.core.port;

import com.ethiq.core.EthiqException;

/** The store failed (connection lost, timeout). Callers may retry; nothing was half-written. */
public class PersistenceException extends EthiqException {
    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
