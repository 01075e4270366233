package com.ethiq.core.management.backoffice;

import com.ethiq.core.EthiqException;

/** The number pool has no free number in the requested region (503: operators must add numbers). */
public class NoNumberAvailableException extends EthiqException {
    private final String region;

    public NoNumberAvailableException(String region) {
        super("no phone number is available in region '" + region + "'");
        this.region = region;
    }

    public String region() {
        return region;
    }
}
