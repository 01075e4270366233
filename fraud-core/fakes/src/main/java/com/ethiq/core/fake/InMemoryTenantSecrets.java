package com.ethiq.core.fake;

import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.TenantSecrets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link TenantSecrets} (clear text in memory: tests and the embedded demo only). Thread-safe. */
public final class InMemoryTenantSecrets implements TenantSecrets {
    private record Stored(Secret secret, String accountSid, Instant updatedAt) {
    }

    private final Map<TenantId, Map<SecretKind, Stored>> store = new HashMap<>();
    private final Clock clock;

    public InMemoryTenantSecrets(Clock clock) {
        this.clock = clock;
    }

    public InMemoryTenantSecrets() {
        this(Clock.systemUTC());
    }

    private synchronized Optional<Stored> get(TenantId tenant, SecretKind kind) {
        return Optional.ofNullable(store.getOrDefault(tenant, Map.of()).get(kind));
    }

    @Override
    public Optional<TelephonyCredentials> telephony(TenantId tenant) {
        return get(tenant, SecretKind.TELEPHONY_AUTH_TOKEN).map(s -> new TelephonyCredentials(s.accountSid(), s.secret()));
    }

    @Override
    public Optional<Secret> speechServiceAccount(TenantId tenant) {
        return get(tenant, SecretKind.SPEECH_SERVICE_ACCOUNT).map(Stored::secret);
    }

    @Override
    public Optional<Secret> aiApiKey(TenantId tenant) {
        return get(tenant, SecretKind.AI_API_KEY).map(Stored::secret);
    }

    @Override
    public synchronized void storeTelephony(TenantId tenant, TelephonyCredentials credentials) {
        store.computeIfAbsent(tenant, t -> new EnumMap<>(SecretKind.class))
                .put(SecretKind.TELEPHONY_AUTH_TOKEN, new Stored(credentials.authToken(), credentials.accountSid(), clock.instant()));
    }

    @Override
    public synchronized void storeSecret(TenantId tenant, SecretKind kind, Secret secret) {
        if (kind == SecretKind.TELEPHONY_AUTH_TOKEN) {
            throw new IllegalArgumentException("telephony credentials need an account sid: use storeTelephony");
        }
        store.computeIfAbsent(tenant, t -> new EnumMap<>(SecretKind.class)).put(kind, new Stored(secret, null, clock.instant()));
    }

    @Override
    public synchronized void remove(TenantId tenant, SecretKind kind) {
        Map<SecretKind, Stored> m = store.get(tenant);
        if (m != null) {
            m.remove(kind);
        }
    }

    @Override
    public synchronized Map<SecretKind, SecretStatus> status(TenantId tenant) {
        Map<SecretKind, SecretStatus> out = new EnumMap<>(SecretKind.class);
        for (SecretKind kind : SecretKind.values()) {
            Stored s = store.getOrDefault(tenant, Map.of()).get(kind);
            out.put(kind, s == null ? new SecretStatus(false, null, null) : new SecretStatus(true, s.secret().lastFour(), s.updatedAt()));
        }
        return out;
    }
}
