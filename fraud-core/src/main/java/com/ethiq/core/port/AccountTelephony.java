package com.ethiq.core.port;

import com.ethiq.core.domain.TelephonyPreferences;
import com.ethiq.core.domain.TenantId;
import java.util.Optional;

/** Outgoing port: each account's {@link TelephonyPreferences}; an account with none uses the defaults. Thread-safe. */
public interface AccountTelephony {
    Optional<TelephonyPreferences> find(TenantId tenant);

    void save(TenantId tenant, TelephonyPreferences preferences);

    /** The account's preferences, or {@link TelephonyPreferences#DEFAULT}. */
    default TelephonyPreferences of(TenantId tenant) {
        return find(tenant).orElse(TelephonyPreferences.DEFAULT);
    }
}
