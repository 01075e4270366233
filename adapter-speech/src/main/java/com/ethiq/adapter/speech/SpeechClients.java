package com.ethiq.adapter.speech;

import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.TenantSecrets;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.FixedExecutorProvider;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.speech.v1.SpeechClient;
import com.google.cloud.speech.v1.SpeechSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@link SpeechClient}s of the process: one per credential set (a client owns its gRPC channels, so one per
 * call would leak connections). The default client (application default credentials) is shared by every tenant
 * without its own service account; a tenant's own service account gets a client cached for that tenant, replaced
 * when the key changes and closed once unused for a while. Tracks lease a client for their lifetime. Thread-safe.
 */
final class SpeechClients implements AutoCloseable {
    private final SpeechTransport transport;
    private final TenantSecrets secrets;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final Duration lookupTtl;
    private final Duration idleTtl;
    private final int defaultChannels;
    private final Map<TenantId, Lookup> lookups = new HashMap<>();
    private final Map<TenantId, Holder> tenantClients = new HashMap<>();
    private final List<Holder> retired = new ArrayList<>();
    private Holder defaultClient;
    private int created;
    private boolean closed;

    /** @param secrets tenants' own service accounts, or null when every tenant uses the process's credentials */
    SpeechClients(SpeechTransport transport, TenantSecrets secrets, ScheduledExecutorService executor, Clock clock,
                  Duration lookupTtl, int defaultChannels) {
        this.transport = transport;
        this.secrets = secrets;
        this.executor = executor;
        this.clock = clock;
        this.lookupTtl = lookupTtl;
        this.idleTtl = lookupTtl.multipliedBy(2);
        this.defaultChannels = defaultChannels;
    }

    /**
     * A client for this tenant's streams; release the lease when the track ends. May block briefly (secret lookup,
     * client creation): call it from a worker, never from an audio thread.
     *
     * @throws InvalidCredentialsException the tenant's service account cannot be used
     * @throws IOException                 the client could not be built (transient)
     */
    Lease acquire(TenantId tenant) throws IOException {
        Optional<Secret> own = serviceAccount(tenant);
        synchronized (this) {
            if (closed) {
                throw new IOException("speech clients are closed");
            }
            sweepIdle();
            Holder holder;
            if (own.isEmpty()) {
                if (defaultClient == null) {
                    defaultClient = new Holder(create(transport.defaultCredentials(), defaultChannels), "");
                }
                holder = defaultClient;
            } else {
                String fingerprint = fingerprint(own.get());
                holder = tenantClients.get(tenant);
                if (holder == null || !holder.fingerprint.equals(fingerprint)) {
                    if (holder != null) {
                        retire(holder); // the key was rotated: running streams keep the old client until they end
                    }
                    holder = new Holder(create(FixedCredentialsProvider.create(credentials(own.get())), 1), fingerprint);
                    tenantClients.put(tenant, holder);
                }
            }
            holder.leases++;
            return new Lease(holder);
        }
    }

    /** Clients alive now (for tests and diagnostics). */
    synchronized int liveClients() {
        return (defaultClient == null ? 0 : 1) + tenantClients.size() + retired.size();
    }

    /** Clients created since start. */
    synchronized int createdClients() {
        return created;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (defaultClient != null) {
            defaultClient.client.close();
            defaultClient = null;
        }
        tenantClients.values().forEach(h -> h.client.close());
        tenantClients.clear();
        retired.forEach(h -> h.client.close());
        retired.clear();
    }

    private Optional<Secret> serviceAccount(TenantId tenant) {
        if (secrets == null || !transport.carriesCredentials()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (this) {
            Lookup cached = lookups.get(tenant);
            if (cached != null && now.isBefore(cached.fetchedAt.plus(lookupTtl))) {
                return cached.secret;
            }
        }
        Optional<Secret> secret = secrets.speechServiceAccount(tenant); // may hit the database: outside the lock
        synchronized (this) {
            lookups.put(tenant, new Lookup(secret, now));
        }
        return secret;
    }

    private SpeechClient create(CredentialsProvider credentials, int channels) throws IOException {
        SpeechSettings settings = SpeechSettings.newBuilder()
                .setEndpoint(transport.endpoint())
                .setTransportChannelProvider(transport.channelProvider(channels))
                .setCredentialsProvider(credentials)
                // gax's own threads would be per client: share ours instead (not closed with the client)
                .setBackgroundExecutorProvider(FixedExecutorProvider.create(executor))
                .build();
        SpeechClient client = SpeechClient.create(settings);
        created++;
        return client;
    }

    private static ServiceAccountCredentials credentials(Secret json) {
        try {
            ServiceAccountCredentials account = ServiceAccountCredentials.fromStream(
                    new ByteArrayInputStream(json.reveal().getBytes(StandardCharsets.UTF_8)));
            // a self-signed JWT per request, as gax does by default: no token endpoint round trip
            return ((ServiceAccountCredentials) account.createScoped(SpeechSettings.getDefaultServiceScopes()))
                    .createWithUseJwtAccessWithScope(true);
        } catch (IOException | RuntimeException e) {
            // the parser's message never quotes the key, but keep the log to the type anyway
            throw new InvalidCredentialsException("the tenant's speech service account is not a usable JSON key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private void release(Holder holder) {
        synchronized (this) {
            holder.leases--;
            if (holder.leases > 0) {
                return;
            }
            holder.idleSince = clock.instant();
            if (retired.remove(holder)) {
                holder.client.close();
            }
        }
    }

    private void retire(Holder holder) {
        if (holder.leases == 0) {
            holder.client.close();
        } else {
            retired.add(holder);
        }
    }

    private void sweepIdle() {
        Instant now = clock.instant();
        Iterator<Map.Entry<TenantId, Holder>> it = tenantClients.entrySet().iterator();
        while (it.hasNext()) {
            Holder h = it.next().getValue();
            if (h.leases == 0 && h.idleSince != null && now.isAfter(h.idleSince.plus(idleTtl))) {
                h.client.close();
                it.remove();
            }
        }
        lookups.entrySet().removeIf(e -> now.isAfter(e.getValue().fetchedAt.plus(lookupTtl)));
    }

    private static String fingerprint(Secret secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A track's use of a client. Release exactly once (later calls are ignored). */
    final class Lease {
        private final Holder holder;
        private boolean released;

        private Lease(Holder holder) {
            this.holder = holder;
        }

        SpeechClient client() {
            return holder.client;
        }

        void release() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            SpeechClients.this.release(holder);
        }
    }

    /** A tenant's service account cannot be used: permanent until the tenant fixes it. */
    static final class InvalidCredentialsException extends RuntimeException {
        InvalidCredentialsException(String message) {
            super(message);
        }
    }

    private static final class Holder {
        final SpeechClient client;
        final String fingerprint;
        int leases;
        Instant idleSince;

        Holder(SpeechClient client, String fingerprint) {
            this.client = client;
            this.fingerprint = fingerprint;
        }
    }

    private record Lookup(Optional<Secret> secret, Instant fetchedAt) {
    }
}
