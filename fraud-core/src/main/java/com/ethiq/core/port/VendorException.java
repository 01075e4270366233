package com.ethiq.core.port;

import com.ethiq.core.EthiqException;

/**
 * A vendor (telephony, speech, AI) failed. {@code permanent} failures (invalid number, bad credentials) must not be
 * retried; transient ones may be. Adapters wrap vendor exceptions in subclasses so no vendor type crosses a port.
 */
public class VendorException extends EthiqException {
    private final String vendor;
    private final boolean permanent;
    private final String vendorCode;

    public VendorException(String vendor, String message, boolean permanent, String vendorCode, Throwable cause) {
        super(vendor + ": " + message, cause);
        this.vendor = vendor;
        this.permanent = permanent;
        this.vendorCode = vendorCode;
    }

    public String vendor() {
        return vendor;
    }

    public boolean permanent() {
        return permanent;
    }

    /** The vendor's own error code when there is one (Twilio 21211...), else null. */
    public String vendorCode() {
        return vendorCode;
    }
}
