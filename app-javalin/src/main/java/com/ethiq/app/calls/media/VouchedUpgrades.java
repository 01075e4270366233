package com.ethiq.app.calls.media;

import com.ethiq.app.Caches;

import com.github.benmanes.caffeine.cache.Cache;
import java.time.Duration;
import java.util.Objects;

/**
 * Upgrade signatures this node has reason to expect. Twilio signs a media upgrade with the tenant's auth token over
 * the {@code wss://} URL alone, so one tenant's upgrades all carry the same signature: the node computes it when it
 * answers a call with a stream ({@link #expect}, for the media token's lifetime) and remembers it once a start signed
 * with it was authenticated ({@link #learn}, for longer: streams of calls answered by other nodes). An upgrade with a
 * vouched signature skips the per-source limits of {@link SourceAdmission}; it still needs its per-call token at the
 * start. Forging one means knowing a tenant's auth token. Thread-safe.
 */
public final class VouchedUpgrades {
    private final Cache<String, Boolean> expected;
    private final Cache<String, Boolean> learned;

    public VouchedUpgrades(Duration expectFor, Duration learnFor) {
        Objects.requireNonNull(expectFor, "'expectFor' must not be null");
        Objects.requireNonNull(learnFor, "'learnFor' must not be null");
        this.expected = Caches.newBuilder().expireAfterWrite(expectFor).maximumSize(100_000).build();
        this.learned = Caches.newBuilder().expireAfterWrite(learnFor).maximumSize(100_000).build();
    }

    /** This node just issued a media token for a call of the tenant whose upgrades carry {@code signature}. */
    public void expect(String signature) {
        expected.put(signature, Boolean.TRUE);
    }

    /** A start whose upgrade carried {@code signature} was authenticated with the tenant's token. */
    public void learn(String signature) {
        learned.put(signature, Boolean.TRUE);
    }

    public boolean vouched(String signature) {
        return expected.getIfPresent(signature) != null || learned.getIfPresent(signature) != null;
    }
}
