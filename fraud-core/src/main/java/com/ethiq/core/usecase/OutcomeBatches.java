package com.ethiq.core.usecase;

import com.ethiq.core.port.AlertOutcomes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcomes of raised scams' sends, recorded in batches (group commit): each drain, on the outcomes executor,
 * records every outcome pending at that moment, of any calls and tenants, in one {@link AlertOutcomes#recordAll} (one
 * commit for a clump of scams' sends instead of three per send). A batch the store refuses is recorded again outcome
 * by outcome (safe: an outcome already recorded writes nothing); one still refused is left to its lease, after which a
 * worker retries the alert (the SMS look-up by idempotency key prevents a double). Thread-safe.
 */
final class OutcomeBatches {
    private static final Logger log = LoggerFactory.getLogger(OutcomeBatches.class);
    /** Bounds one transaction; a longer queue is drained by the next batch at once. */
    static final int MAX_BATCH = 100;

    private final AlertOutcomes outcomes;
    private final Executor executor;
    private final ConcurrentLinkedQueue<AlertDispatcher.Decided> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    OutcomeBatches(AlertOutcomes outcomes, Executor executor) {
        this.outcomes = outcomes;
        this.executor = executor;
    }

    void add(AlertDispatcher.Decided decided) {
        queue.add(decided);
        if (scheduled.compareAndSet(false, true)) {
            AlertDispatcher.runOrHere(executor, this::drain);
        }
    }

    private void drain() {
        // Cleared before polling: an outcome added from here on either is taken below or schedules the next drain.
        scheduled.set(false);
        List<AlertDispatcher.Decided> batch = new ArrayList<>();
        for (AlertDispatcher.Decided d; batch.size() < MAX_BATCH && (d = queue.poll()) != null; ) {
            batch.add(d);
        }
        if (batch.isEmpty()) {
            return;
        }
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            AlertDispatcher.runOrHere(executor, this::drain);
        }
        write(batch);
        for (AlertDispatcher.Decided d : batch) {
            try {
                d.then().run();
            } catch (RuntimeException e) {
                log.warn("reporting the outcome of alert {} failed: {}", d.outcome().alert().id(), e.toString());
            }
        }
    }

    private void write(List<AlertDispatcher.Decided> batch) {
        try {
            outcomes.recordAll(batch.stream().map(AlertDispatcher.Decided::outcome).toList());
            return;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                log.warn("outcome of alert {} not recorded now; a worker retries it when its lease ends: {}",
                        batch.get(0).outcome().alert().id(), e.toString());
                return;
            }
            log.info("a batch of {} alert outcomes was not recorded ({}): recording them one by one", batch.size(), e.toString());
        }
        for (AlertDispatcher.Decided d : batch) {
            try {
                outcomes.record(d.outcome());
            } catch (RuntimeException e) {
                log.warn("outcome of alert {} not recorded now; a worker retries it when its lease ends: {}",
                        d.outcome().alert().id(), e.toString());
            }
        }
    }
}
