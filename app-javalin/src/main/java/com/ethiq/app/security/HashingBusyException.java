package com.ethiq.app.security;

import com.ethiq.core.EthiqException;

/** Too many password hashes already running: the request is refused (503) rather than queued without bound. */
public class HashingBusyException extends EthiqException {
    public HashingBusyException() {
        super("the server is busy; try again in a moment");
    }
}
