package com.ethiq.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Tasks run by their givers, in order, one at a time, never nested inside a held section or inside each other. */
class InlineMailboxTest {

    @Test
    void aTaskGivenWhileNoOneDrainsRunsAtOnceOnItsGiver() {
        InlineMailbox mailbox = new InlineMailbox("test");
        List<String> ran = new ArrayList<>();
        mailbox.execute(() -> ran.add("a " + Thread.currentThread().getName()));
        mailbox.execute(() -> ran.add("b " + Thread.currentThread().getName()));
        String me = Thread.currentThread().getName();
        assertThat(ran).containsExactly("a " + me, "b " + me);
    }

    @Test
    void tasksGivenInsideAHeldSectionRunAfterItReturnsOnTheSameThreadInOrder() {
        InlineMailbox mailbox = new InlineMailbox("test");
        AtomicBoolean inSection = new AtomicBoolean();
        List<String> ran = new ArrayList<>();
        Thread me = Thread.currentThread();
        mailbox.hold(() -> {
            inSection.set(true);
            for (int i = 1; i <= 3; i++) {
                int n = i;
                mailbox.execute(() -> ran.add("task " + n + (inSection.get() ? " nested" : "")
                        + (Thread.currentThread() == me ? "" : " elsewhere")));
            }
            assertThat(ran).as("nothing runs inside the section").isEmpty();
            inSection.set(false);
        });
        assertThat(ran).containsExactly("task 1", "task 2", "task 3");
    }

    @Test
    void aHoldInsideTheSameThreadsHoldLeavesTheTasksToTheOuterOne() {
        InlineMailbox mailbox = new InlineMailbox("test");
        AtomicBoolean inOuter = new AtomicBoolean();
        List<String> ran = new ArrayList<>();
        mailbox.hold(() -> {
            inOuter.set(true);
            mailbox.hold(() -> mailbox.execute(() -> ran.add(inOuter.get() ? "nested in the outer section" : "after")));
            inOuter.set(false);
        });
        assertThat(ran).containsExactly("after");
    }

    @Test
    void aTaskGivenFromAnotherThreadDuringAHoldRunsOnThatThreadWithoutWaiting() throws Exception {
        InlineMailbox mailbox = new InlineMailbox("test");
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch delivered = new CountDownLatch(1);
        mailbox.hold(() -> {
            Thread recogniser = new Thread(() -> {
                mailbox.execute(() -> ran.add(Thread.currentThread().getName()));
                delivered.countDown();
            }, "recogniser");
            recogniser.start();
            try {
                assertThat(delivered.await(5, TimeUnit.SECONDS)).as("the other thread did not wait for the hold").isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(ran).containsExactly("recogniser");
    }

    @Test
    void aTaskGivingAnotherQueuesItBehindItselfInsteadOfNesting() {
        InlineMailbox mailbox = new InlineMailbox("test");
        AtomicInteger depth = new AtomicInteger();
        List<String> ran = new ArrayList<>();
        mailbox.execute(() -> {
            depth.incrementAndGet();
            mailbox.execute(() -> ran.add("inner at depth " + depth.get()));
            ran.add("outer");
            depth.decrementAndGet();
        });
        assertThat(ran).containsExactly("outer", "inner at depth 0");
    }

    /** A task that throws {@code failure} (unchecked: a RuntimeException or an Error). */
    private static Runnable throwing(Throwable failure) {
        return () -> {
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        };
    }

    @Test
    void aFailingTaskDoesNotStopTheNextOnes() {
        InlineMailbox mailbox = new InlineMailbox("test");
        List<String> ran = new ArrayList<>();
        mailbox.hold(() -> {
            mailbox.execute(throwing(new IllegalStateException("judge bug")));
            mailbox.execute(() -> ran.add("second"));
        });
        mailbox.execute(throwing(new UnsupportedOperationException("another bug")));
        mailbox.execute(() -> ran.add("third"));
        assertThat(ran).containsExactly("second", "third");
    }

    @Test
    void anErrorReachesTheGiverAndLeavesTheMailboxUsableWithTheTasksBehindItInOrder() {
        InlineMailbox mailbox = new InlineMailbox("test");
        List<String> ran = new ArrayList<>();
        StackOverflowError error = new StackOverflowError("deep recursion in a task");
        assertThatThrownBy(() -> mailbox.hold(() -> {
            mailbox.execute(() -> ran.add("first"));
            mailbox.execute(throwing(error));
            mailbox.execute(() -> ran.add("behind the error"));
        })).isSameAs(error);
        assertThat(ran).containsExactly("first");

        // Not wedged: the next task given runs at once on its giver, after the one left behind.
        mailbox.execute(() -> ran.add("next"));
        assertThat(ran).containsExactly("first", "behind the error", "next");
        // And a hold still holds back its tasks (no one is left holding).
        mailbox.hold(() -> {
            mailbox.execute(() -> ran.add("held"));
            assertThat(ran).doesNotContain("held");
        });
        assertThat(ran).endsWith("held");
        // An error given outside a hold, or thrown by a held section itself, reaches its giver the same way.
        assertThatThrownBy(() -> mailbox.execute(throwing(error))).isSameAs(error);
        assertThatThrownBy(() -> mailbox.hold(throwing(new OutOfMemoryError("simulated")))).isInstanceOf(OutOfMemoryError.class);
        mailbox.execute(() -> ran.add("after"));
        assertThat(ran).endsWith("held", "after");
    }

    @Test
    void aHoldWithAValueRunsItsSectionOnThatValueAndAllocatesNothing() {
        InlineMailbox mailbox = new InlineMailbox("test");
        long[] sum = new long[1];
        java.util.function.Consumer<byte[]> push = audio -> {
            sum[0] += audio.length;
            if (audio.length == 0) {
                mailbox.execute(() -> sum[0] += 1000); // held: runs once the push returns
            }
        };
        byte[] audio = new byte[160];
        mailbox.hold(push, new byte[0]);
        assertThat(sum[0]).isEqualTo(1000);

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int holds = 20_000;
        long allocated = 0;
        for (int round = 0; round < 5; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < holds; i++) {
                mailbox.hold(push, audio);
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertThat(sum[0]).isEqualTo(1000 + 5L * holds * audio.length);
        assertThat((double) allocated / holds).as("bytes allocated per hold").isLessThan(1.0);
    }

    @Test
    void concurrentGiversSeeTheirTasksRunOnceInOrderAndNeverTwoAtATime() throws Exception {
        InlineMailbox mailbox = new InlineMailbox("test");
        int givers = 4;
        int perGiver = 20_000;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        int[] lastSeen = new int[givers];
        java.util.Arrays.fill(lastSeen, -1);
        AtomicInteger outOfOrder = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int g = 0; g < givers; g++) {
            int giver = g;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perGiver; i++) {
                    int seq = i;
                    Runnable task = () -> {
                        if (running.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        // only one task at a time: plain array writes are safe here (the drain flag orders them)
                        if (lastSeen[giver] != seq - 1) {
                            outOfOrder.incrementAndGet();
                        }
                        lastSeen[giver] = seq;
                        total.incrementAndGet();
                        running.decrementAndGet();
                    };
                    if (seq % 3 == 0) {
                        mailbox.hold(() -> mailbox.execute(task));
                    } else {
                        mailbox.execute(task);
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(total.get()).isEqualTo(givers * perGiver);
        assertThat(overlaps.get()).isZero();
        assertThat(outOfOrder.get()).isZero();
    }
}
