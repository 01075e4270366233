package com.ethiq.core.fake;

import com.ethiq.core.domain.Announcement;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AnnouncementStore;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** In-memory {@link AnnouncementStore} (tests, simulated mode). Thread-safe: one lock, small maps. */
public final class InMemoryAnnouncementStore implements AnnouncementStore {
    private final Object lock = new Object();
    private final Map<String, Announcement> byReference = new LinkedHashMap<>();

    @Override
    public Announcement saveIfAbsent(Announcement announcement) {
        Objects.requireNonNull(announcement, "'announcement' must not be null");
        synchronized (lock) {
            Optional<Announcement> same = byReference.values().stream()
                    .filter(a -> a.tenant().equals(announcement.tenant()) && a.idempotencyKey().equals(announcement.idempotencyKey()))
                    .findFirst();
            if (same.isPresent()) {
                return same.get();
            }
            if (byReference.containsKey(announcement.reference())) {
                throw new IllegalStateException("reference already used");
            }
            byReference.put(announcement.reference(), announcement);
            return announcement;
        }
    }

    @Override
    public Optional<Announcement> find(String reference) {
        synchronized (lock) {
            return Optional.ofNullable(byReference.get(reference));
        }
    }

    @Override
    public Optional<Announcement> claim(String reference) {
        synchronized (lock) {
            Announcement a = byReference.get(reference);
            if (a == null || a.served()) {
                return Optional.empty();
            }
            Announcement served = copy(a, a.plays(), true);
            byReference.put(reference, served);
            return Optional.of(served);
        }
    }

    @Override
    public Optional<Announcement> replay(TenantId tenant, CallSid call, int maxPlays) {
        synchronized (lock) {
            Optional<Announcement> latest = byReference.values().stream()
                    .filter(a -> a.tenant().equals(tenant) && a.call().equals(call))
                    .max(Comparator.comparing(Announcement::createdAt));
            if (latest.isEmpty() || latest.get().plays() >= maxPlays) {
                return Optional.empty();
            }
            Announcement again = copy(latest.get(), latest.get().plays() + 1, false);
            byReference.put(again.reference(), again);
            return Optional.of(again);
        }
    }

    private static Announcement copy(Announcement a, int plays, boolean served) {
        return new Announcement(a.reference(), a.tenant(), a.call(), a.text(), a.language(), a.audience(), a.idempotencyKey(),
                plays, served, a.createdAt());
    }
}
