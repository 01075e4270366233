package com.ethiq.core.fake;

import com.ethiq.core.domain.TelephonyPreferences;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AccountTelephony;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link AccountTelephony} (tests, simulated mode). Thread-safe. */
public final class InMemoryAccountTelephony implements AccountTelephony {
    private final Map<TenantId, TelephonyPreferences> preferences = new ConcurrentHashMap<>();

    @Override
    public Optional<TelephonyPreferences> find(TenantId tenant) {
        return Optional.ofNullable(preferences.get(Objects.requireNonNull(tenant, "'tenant' must not be null")));
    }

    @Override
    public void save(TenantId tenant, TelephonyPreferences value) {
        preferences.put(Objects.requireNonNull(tenant, "'tenant' must not be null"),
                Objects.requireNonNull(value, "'preferences' must not be null"));
    }
}
