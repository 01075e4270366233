package com.ethiq.core.management.identity;

import com.ethiq.core.EthiqException;

/**
 * Credentials or token not accepted (401). The message is the same whatever the reason (unknown user, wrong
 * password, disabled, expired) so it cannot be used to enumerate accounts; the reason goes to the audit trail.
 */
public class AuthenticationFailedException extends EthiqException {
    public static final String MESSAGE = "invalid credentials";

    public AuthenticationFailedException() {
        super(MESSAGE);
    }
}
