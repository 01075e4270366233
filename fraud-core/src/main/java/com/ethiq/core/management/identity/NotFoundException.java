package com.ethiq.core.management.identity;

import com.ethiq.core.EthiqException;

/**
 * The resource does not exist or the caller may not know it exists: both look the same (404), so another tenant's
 * ids cannot be probed. The message names only the kind of resource.
 */
public class NotFoundException extends EthiqException {
    public NotFoundException(String resource) {
        super("no such " + resource);
    }
}
