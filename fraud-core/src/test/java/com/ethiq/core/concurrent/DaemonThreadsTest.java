package com.ethiq.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void numberedThreadsAreDaemonsNamedInOrder() {
        DaemonThreads factory = DaemonThreads.named("ethiq-test");
        Thread first = factory.newThread(() -> { });
        Thread second = factory.newThread(() -> { });
        assertThat(first.getName()).isEqualTo("ethiq-test-1");
        assertThat(second.getName()).isEqualTo("ethiq-test-2");
        assertThat(first.isDaemon()).isTrue();
        assertThat(second.isDaemon()).isTrue();
        assertThat(first.isAlive()).as("made, not started").isFalse();
    }

    @Test
    void singleThreadsKeepTheExactNameAndStartRunsTheTask() throws Exception {
        assertThat(DaemonThreads.single("ethiq-jobs").newThread(() -> { }).getName()).isEqualTo("ethiq-jobs");
        assertThat(DaemonThreads.single("ethiq-jobs").newThread(() -> { }).isDaemon()).isTrue();
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<String> name = new AtomicReference<>();
        Thread t = DaemonThreads.start("ethiq-once", () -> {
            name.set(Thread.currentThread().getName());
            ran.countDown();
        });
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(name.get()).isEqualTo("ethiq-once");
        assertThat(t.isDaemon()).isTrue();
    }

    @Test
    void namesAreRequired() {
        assertThatThrownBy(() -> DaemonThreads.named(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DaemonThreads.single(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSchedulerOverAPoolRunsTheTaskAfterTheDelay() throws Exception {
        ScheduledExecutorService pool = Executors.newSingleThreadScheduledExecutor(DaemonThreads.single("ethiq-test-timer"));
        try {
            CountDownLatch ran = new CountDownLatch(1);
            long t0 = System.nanoTime();
            Scheduler.of(pool).schedule(ran::countDown, Duration.ofMillis(50));
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(45));
            pool.shutdown();
            assertThatThrownBy(() -> Scheduler.of(pool).schedule(() -> { }, Duration.ZERO))
                    .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        } finally {
            pool.shutdownNow();
        }
    }
}
