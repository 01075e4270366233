package com.ethiq.core.management.backoffice;

import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;

/**
 * Outgoing port (hook): makes a number freshly taken from the pool live at the telephony provider (points its
 * webhooks at us). The default does nothing; a failure (a {@link com.ethiq.core.port.VendorException}) leaves the
 * account in PROVISIONING. Thread-safe.
 */
@FunctionalInterface
public interface NumberProvisioner {

    NumberProvisioner NONE = (tenant, number) -> { };

    void provision(TenantId tenant, PhoneNumber number);
}
