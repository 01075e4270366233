package com.ethiq.app.calls;

import com.ethiq.app.Caches;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.TenantSecrets;
import com.ethiq.core.port.Tenants;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-node cache in front of the tenant store for the call path: tenant by called number (every incoming call),
 * tenant by id, and each tenant's telephony credentials (to check its webhook signatures). Unknown numbers are
 * remembered briefly too, so a flood of calls to a dead number does not reach the database. Entries expire after the
 * configured TTL and are dropped at once by {@link #invalidate} (wired to the database's tenant-change
 * notifications when there is one). Thread-safe.
 */
public final class TenantDirectory {
    private static final Duration NEGATIVE_TTL = Duration.ofSeconds(30);

    private final LoadingCache<PhoneNumber, Optional<Tenant>> byNumber;
    private final LoadingCache<TenantId, Optional<Tenant>> byId;
    private final LoadingCache<TenantId, Optional<TelephonyCredentials>> credentials;
    private final Cache<String, TenantId> byAccountSid;
    /**
     * The last value found per key, never expired nor invalidated: answered only when the store fails, so calls are
     * still answered and protected through a database outage (with what was true when it began).
     */
    private final Cache<Object, Optional<?>> lastKnown = Caches.newBuilder().maximumSize(400_000).build();

    public TenantDirectory(Tenants tenants, TenantSecrets secrets, Duration ttl) {
        Objects.requireNonNull(tenants, "'tenants' must not be null");
        Objects.requireNonNull(secrets, "'secrets' must not be null");
        Objects.requireNonNull(ttl, "'ttl' must not be null");
        this.byNumber = Caches.newBuilder().maximumSize(200_000)
                .expireAfter(new OptionalExpiry<PhoneNumber, Tenant>(ttl, NEGATIVE_TTL))
                .build(tenants::findByCalledNumber);
        this.byId = Caches.newBuilder().maximumSize(200_000)
                .expireAfter(new OptionalExpiry<TenantId, Tenant>(ttl, NEGATIVE_TTL))
                .build(tenants::findById);
        this.credentials = Caches.newBuilder().maximumSize(200_000)
                .expireAfter(new OptionalExpiry<TenantId, TelephonyCredentials>(ttl, NEGATIVE_TTL))
                .build(id -> {
                    Optional<TelephonyCredentials> c = secrets.telephony(id);
                    c.ifPresent(found -> rememberAccount(found.accountSid(), id));
                    return c;
                });
        this.byAccountSid = Caches.newBuilder().maximumSize(200_000).expireAfterWrite(ttl.multipliedBy(12)).build();
    }

    public Optional<Tenant> byCalledNumber(PhoneNumber number) {
        Optional<Tenant> t = orLastKnown(number, () -> byNumber.get(number));
        t.ifPresent(found -> byId.put(found.id(), t));
        return t;
    }

    public Optional<Tenant> byId(TenantId id) {
        return orLastKnown(id, () -> byId.get(id));
    }

    public Optional<TelephonyCredentials> credentials(TenantId id) {
        return orLastKnown("credentials:" + id.value(), () -> credentials.get(id));
    }

    /** The cache's answer (remembered), or — the store failing — the last answer for this key if there is one. */
    @SuppressWarnings("unchecked")
    private <V> Optional<V> orLastKnown(Object key, java.util.function.Supplier<Optional<V>> read) {
        try {
            Optional<V> value = read.get();
            if (value.isPresent()) {
                lastKnown.put(key, value);
            }
            return value;
        } catch (RuntimeException e) {
            Optional<?> known = lastKnown.getIfPresent(key);
            if (known == null) {
                throw e;
            }
            return (Optional<V>) known;
        }
    }

    /** The tenant whose credentials carry this Account SID, if this node has loaded them recently. */
    public Optional<TenantId> byAccountSid(String accountSid) {
        return Optional.ofNullable(accountSid == null ? null : byAccountSid.getIfPresent(accountSid));
    }

    private void rememberAccount(String accountSid, TenantId tenant) {
        byAccountSid.put(accountSid, tenant);
    }

    /** Forgets one tenant (its settings, status, number or credentials changed). */
    public void invalidate(TenantId id) {
        byId.invalidate(id);
        credentials.invalidate(id);
        byNumber.asMap().entrySet().removeIf(e -> e.getValue().map(t -> t.id().equals(id)).orElse(false));
        byAccountSid.asMap().values().removeIf(id::equals);
    }

    /** Forgets everything (e.g. the change notifications were interrupted and some may have been missed). */
    public void invalidateAll() {
        byNumber.invalidateAll();
        byId.invalidateAll();
        credentials.invalidateAll();
    }

    /** Found entries live for the TTL, absences for a short while only (a number may be assigned any moment). */
    private static final class OptionalExpiry<K, V> implements com.github.benmanes.caffeine.cache.Expiry<K, Optional<V>> {
        private final long presentNanos;
        private final long absentNanos;

        OptionalExpiry(Duration present, Duration absent) {
            this.presentNanos = present.toNanos();
            this.absentNanos = Math.min(absent.toNanos(), present.toNanos());
        }

        @Override
        public long expireAfterCreate(K key, Optional<V> value, long currentTime) {
            return value.isPresent() ? presentNanos : absentNanos;
        }

        @Override
        public long expireAfterUpdate(K key, Optional<V> value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(K key, Optional<V> value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
