package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.concurrent.Scheduler;
import com.ethiq.core.domain.CallSid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store drainers are not woken per write: started once, lingering a tick, more only when the store is slow. */
class WriteBehindWakeUpsTest {
    private static final Scheduler NO_RETRIES = (task, delay) -> { };
    private static final WriteBehind.Settings SETTINGS = WriteBehind.Settings.DEFAULT;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    /** How many drainers were handed to the pool (each one a thread woken). */
    private final AtomicInteger started = new AtomicInteger();
    private final Executor counted = task -> {
        started.incrementAndGet();
        pool.execute(task);
    };

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void callsMadeReadyWhileADrainerIsPendingShareIt() {
        List<Runnable> queued = new ArrayList<>();
        WriteBehind writes = new WriteBehind(queued::add, Runnable::run, NO_RETRIES, SETTINGS, 1, Duration.ZERO);
        List<String> written = new ArrayList<>();
        for (String call : List.of("CA1", "CA2", "CA3")) {
            writes.submit(CallSid.of(call), WriteBehind.Write.kept("state", () -> written.add(call + " state")));
            writes.submit(CallSid.of(call), WriteBehind.Write.droppable("line", () -> written.add(call + " line")));
        }
        assertThat(queued).as("one drainer for the three calls").hasSize(1);

        queued.remove(0).run();

        assertThat(written).containsExactly("CA1 state", "CA1 line", "CA2 state", "CA2 line", "CA3 state", "CA3 line");
        assertThat(writes.pending()).isZero();
    }

    @Test
    void aLingeringDrainerTakesTheNextWriteWithoutBeingWokenAndEndsWhenWritesStop() throws Exception {
        WriteBehind writes = new WriteBehind(counted, Runnable::run, NO_RETRIES, SETTINGS, 2, Duration.ofMillis(500));
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        writes.submit(CallSid.of("CA1"), WriteBehind.Write.droppable("line", first::countDown));
        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (writes.lingeringDrainers() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(writes.lingeringDrainers()).as("the drainer lingers for more").isEqualTo(1);

        writes.submit(CallSid.of("CA2"), WriteBehind.Write.droppable("line", second::countDown));
        assertThat(second.await(5, TimeUnit.SECONDS)).as("taken within a tick").isTrue();
        assertThat(started.get()).as("the lingering drainer took it: nobody woken").isEqualTo(1);

        Thread.sleep(1_500); // two ticks without writes: the drainer has ended
        CountDownLatch third = new CountDownLatch(1);
        writes.submit(CallSid.of("CA3"), WriteBehind.Write.droppable("line", third::countDown));
        assertThat(third.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(started.get()).isEqualTo(2);
    }

    @Test
    void aSlowWriteDoesNotHoldOtherCallsBack() throws Exception {
        WriteBehind writes = new WriteBehind(counted, Runnable::run, NO_RETRIES, SETTINGS, 2, Duration.ofMillis(200));
        CountDownLatch storeAnswers = new CountDownLatch(1);
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch otherWritten = new CountDownLatch(1);
        writes.submit(CallSid.of("CA-SLOW"), WriteBehind.Write.kept("state", () -> {
            slowStarted.countDown();
            try {
                storeAnswers.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();

        writes.submit(CallSid.of("CA-OTHER"), WriteBehind.Write.kept("state", otherWritten::countDown));

        assertThat(otherWritten.await(5, TimeUnit.SECONDS)).as("a second drainer took the other call").isTrue();
        assertThat(started.get()).isEqualTo(2);
        storeAnswers.countDown();
        assertThat(writes.awaitEmpty(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void everyCallsWritesStayInOrderAndAreWrittenOnceUnderConcurrentSubmits() throws Exception {
        WriteBehind writes = new WriteBehind(counted, Runnable::run, NO_RETRIES, SETTINGS, 2, Duration.ofMillis(5));
        Map<String, List<Integer>> written = new ConcurrentHashMap<>();
        int callsPerThread = 20;
        int perCall = 200;
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int thread = t;
            Thread s = new Thread(() -> {
                for (int i = 0; i < perCall; i++) {
                    for (int c = 0; c < callsPerThread; c++) {
                        String call = "CA" + thread + "-" + c;
                        int seq = i;
                        writes.submit(CallSid.of(call), WriteBehind.Write.droppable("line",
                                () -> written.computeIfAbsent(call, k -> new CopyOnWriteArrayList<>()).add(seq)));
                    }
                    if (i % 50 == 0) {
                        Thread.yield();
                    }
                }
            });
            submitters.add(s);
            s.start();
        }
        for (Thread s : submitters) {
            s.join(30_000);
        }
        assertThat(writes.awaitEmpty(Duration.ofSeconds(10))).isTrue();
        assertThat(written).hasSize(3 * callsPerThread);
        List<Integer> expected = java.util.stream.IntStream.range(0, perCall).boxed().toList();
        written.values().forEach(seqs -> assertThat(seqs).isEqualTo(expected));
    }
}
