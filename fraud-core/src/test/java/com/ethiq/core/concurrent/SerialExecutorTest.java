package com.ethiq.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    @Test
    void runsTasksInOrderOneAtATimeOnASharedPoolAndSurvivesAFailingTask() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor serial = new SerialExecutor(pool, "test stream", SerialExecutor.WhenRejected.DROP);
            List<Integer> seen = new ArrayList<>(); // deliberately not thread-safe: the executor must serialise
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                serial.execute(() -> {
                    if (running.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    seen.add(n);
                    running.decrementAndGet();
                    if (n == 5_000) {
                        throw new IllegalStateException("a failing task must not stop the others");
                    }
                    if (n == 9_999) {
                        done.countDown();
                    }
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(overlaps.get()).isZero();
            assertThat(seen).hasSize(10_000);
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i)).isEqualTo(i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenThePoolRefusesWorkTasksAreDroppedOrRunOnTheCaller() {
        java.util.concurrent.Executor refusing = task -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        };
        List<String> ran = new ArrayList<>();

        new SerialExecutor(refusing, "dropping", SerialExecutor.WhenRejected.DROP).execute(() -> ran.add("dropped"));
        SerialExecutor caller = new SerialExecutor(refusing, "final results", SerialExecutor.WhenRejected.RUN_ON_CALLER);
        for (int i = 0; i < 100; i++) {
            int n = i;
            caller.execute(() -> ran.add("kept-" + n));
        }

        assertThat(ran).hasSize(100).startsWith("kept-0").endsWith("kept-99").doesNotContain("dropped");
    }

    @Test
    void aDroppingExecutorForgetsItsQueueAndAcceptsWorkAgainLater() {
        List<Runnable> accepted = new ArrayList<>();
        boolean[] refuse = {true};
        java.util.concurrent.Executor pool = task -> {
            if (refuse[0]) {
                throw new java.util.concurrent.RejectedExecutionException("busy");
            }
            accepted.add(task);
        };
        List<String> ran = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(pool, "dropping", SerialExecutor.WhenRejected.DROP);
        serial.execute(() -> ran.add("lost"));
        refuse[0] = false;
        serial.execute(() -> ran.add("kept"));
        accepted.forEach(Runnable::run);
        assertThat(ran).containsExactly("kept");
    }

    @Test
    void aBusyStreamYieldsThePoolThreadBetweenTurns() {
        List<Runnable> turns = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(turns::add, "busy", SerialExecutor.WhenRejected.DROP);
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            serial.execute(() -> ran.add(n));
        }
        assertThat(turns).hasSize(1);
        turns.remove(0).run();
        assertThat(ran).hasSize(64);
        assertThat(turns).as("the rest is scheduled as another turn").hasSize(1);
        turns.remove(0).run();
        assertThat(ran).hasSize(100);
        assertThat(turns).isEmpty();
    }
}
