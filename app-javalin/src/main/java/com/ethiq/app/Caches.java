package com.ethiq.app;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Where the node's Caffeine caches start. Caffeine runs its maintenance (draining the write buffer, expiry, eviction)
 * on an executor, by default {@code ForkJoinPool.commonPool()}: every write then schedules a task there, i.e. wakes a
 * common-pool thread (a futex call and two context switches). On the call path (a probe entry per transcript
 * segment, a webhook's replay guard, a redeemed media token) that was about 500 wake-ups a second at 400 calls, for a
 * few microseconds of work each. Here the maintenance runs on the thread that writes, amortised over the cache's
 * buffers (Caffeine's documented answer for caches on a hot path); none of these caches has a removal listener or
 * refresh that could make that thread wait.
 */
public final class Caches {
    private Caches() {
    }

    /** {@code Caffeine.newBuilder()} whose maintenance runs on the calling thread instead of the common pool. */
    public static Caffeine<Object, Object> newBuilder() {
        return Caffeine.newBuilder().executor(Runnable::run);
    }
}
