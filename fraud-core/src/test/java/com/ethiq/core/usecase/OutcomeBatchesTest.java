package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AlertOutcomes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutcomeBatchesTest {
    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    /** A store seen only through its batches (all that {@link OutcomeBatches} uses), written as a lambda. */
    private interface BatchStore extends AlertOutcomes {
        @Override
        default boolean recordWithAlert(Sent outcome) {
            throw new UnsupportedOperationException("batches record outcomes of recorded alerts only");
        }
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static AlertDispatcher.Decided retry(Runnable then) {
        Alert alert = Alert.pending(UUID.randomUUID(), TenantId.random(), CallSid.of("CA" + UUID.randomUUID().toString().replace("-", "")),
                new AlertRecipient.Phone(PhoneNumber.of("+33611111111")), "Alerte", Language.FRENCH, T0);
        return new AlertDispatcher.Decided(new AlertOutcomes.Retry(alert, T0, "x"), then);
    }

    @Test
    void outcomesQueuedWhileABatchCommitsGoTogetherInTheNextOne() throws Exception {
        CountDownLatch firstHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        BatchStore store = outcomes -> {
            batchSizes.add(outcomes.size());
            if (batchSizes.size() == 1) {
                firstHeld.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return List.copyOf(outcomes);
        };
        OutcomeBatches batches = new OutcomeBatches(store, executor);
        CountDownLatch reported = new CountDownLatch(6);

        batches.add(retry(reported::countDown));
        assertThat(firstHeld.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            batches.add(retry(reported::countDown)); // a clump of sends finishing while the first commit runs
        }
        release.countDown();

        assertThat(reported.await(5, TimeUnit.SECONDS)).as("every outcome reported once recorded").isTrue();
        assertThat(batchSizes).containsExactly(1, 5);
    }

    @Test
    void aRefusedBatchIsRecordedOutcomeByOutcomeAndWhatStillFailsIsLeftToTheLease() {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> oneByOne = new ArrayList<>();
        BatchStore store = outcomes -> {
            calls.incrementAndGet();
            if (outcomes.size() > 1) {
                throw new IllegalStateException("batch refused");
            }
            oneByOne.add(1);
            if (oneByOne.size() == 2) {
                throw new IllegalStateException("this one refused too");
            }
            return List.copyOf(outcomes);
        };
        // a held executor: the three outcomes are queued before the one drain runs
        List<Runnable> held = new ArrayList<>();
        OutcomeBatches batches = new OutcomeBatches(store, held::add);
        AtomicInteger reported = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            batches.add(retry(reported::incrementAndGet));
        }
        assertThat(held).hasSize(1);
        held.get(0).run();

        assertThat(calls.get()).as("the batch, then each outcome").isEqualTo(4);
        assertThat(oneByOne).hasSize(3);
        assertThat(reported.get()).as("the sends happened: reported whatever the store said").isEqualTo(3);
    }
}
