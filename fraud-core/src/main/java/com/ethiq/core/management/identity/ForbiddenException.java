package com.ethiq.core.management.identity;

import com.ethiq.core.EthiqException;

/** The caller belongs to the account but their role lacks the permission (403). */
public class ForbiddenException extends EthiqException {
    public ForbiddenException(String message) {
        super(message);
    }
}
