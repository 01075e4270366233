package com.ethiq.app.calls;

import com.ethiq.app.Caches;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.PersistenceException;
import com.ethiq.core.port.TenantSecrets;
import com.github.benmanes.caffeine.cache.Cache;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tenant secrets store, with the last telephony credentials each tenant's calls read kept in memory for one
 * purpose: while the store is unavailable an alert can still be sent through the tenant's Twilio account. A copy
 * younger than {@link #FRESH} is used without asking (a frozen database would make the send wait for its socket
 * timeout); an older one only when the store fails ({@link PersistenceException}). Writes and removals go to the
 * store and forget the copy. Thread-safe.
 */
public final class LastKnownTenantSecrets implements TenantSecrets {
    private final TenantSecrets store;
    static final java.time.Duration FRESH = java.time.Duration.ofSeconds(60);

    private record Known(TelephonyCredentials credentials, long readAtNanos) {
    }

    private final Cache<TenantId, Known> telephony = Caches.newBuilder().maximumSize(200_000).build();

    public LastKnownTenantSecrets(TenantSecrets store) {
        this.store = Objects.requireNonNull(store, "'store' must not be null");
    }

    @Override
    public Optional<TelephonyCredentials> telephony(TenantId tenant) {
        Known known = telephony.getIfPresent(tenant);
        if (known != null && System.nanoTime() - known.readAtNanos() < FRESH.toNanos()) {
            return Optional.of(known.credentials());
        }
        try {
            Optional<TelephonyCredentials> read = store.telephony(tenant);
            read.ifPresentOrElse(c -> telephony.put(tenant, new Known(c, System.nanoTime())), () -> telephony.invalidate(tenant));
            return read;
        } catch (PersistenceException e) {
            if (known == null) {
                throw e;
            }
            return Optional.of(known.credentials());
        }
    }

    @Override
    public Optional<Secret> speechServiceAccount(TenantId tenant) {
        return store.speechServiceAccount(tenant);
    }

    @Override
    public Optional<Secret> aiApiKey(TenantId tenant) {
        return store.aiApiKey(tenant);
    }

    @Override
    public void storeTelephony(TenantId tenant, TelephonyCredentials credentials) {
        telephony.invalidate(tenant);
        store.storeTelephony(tenant, credentials);
    }

    @Override
    public void storeSecret(TenantId tenant, SecretKind kind, Secret secret) {
        store.storeSecret(tenant, kind, secret);
    }

    @Override
    public void remove(TenantId tenant, SecretKind kind) {
        if (kind == SecretKind.TELEPHONY_AUTH_TOKEN) {
            telephony.invalidate(tenant);
        }
        store.remove(tenant, kind);
    }

    @Override
    public Map<SecretKind, SecretStatus> status(TenantId tenant) {
        return store.status(tenant);
    }
}
