package com.ethiq.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The node's caches do their maintenance on the thread that uses them, never on the common pool. */
class CachesTest {

    @Test
    void maintenanceAfterAWriteRunsOnTheWritingThread() {
        List<String> removedOn = new CopyOnWriteArrayList<>();
        Cache<Integer, String> cache = Caches.newBuilder().maximumSize(1)
                .removalListener((Integer k, String v, com.github.benmanes.caffeine.cache.RemovalCause cause) ->
                        removedOn.add(Thread.currentThread().getName()))
                .build();

        cache.put(1, "one");
        cache.put(2, "two");
        cache.cleanUp();

        // Caffeine's default executor would have run the eviction's listener on a ForkJoinPool.commonPool worker
        assertThat(removedOn).containsExactly(Thread.currentThread().getName());
        assertThat(cache.estimatedSize()).isEqualTo(1);
    }
}
