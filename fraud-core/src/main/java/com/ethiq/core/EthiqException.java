package com.ethiq.core;

/** Root of the technical failures the core and its adapters raise. Business outcomes are values, not exceptions. */
public class EthiqException extends RuntimeException {
    public EthiqException(String message) {
        super(message);
    }

    public EthiqException(String message, Throwable cause) {
        super(message, cause);
    }
}
