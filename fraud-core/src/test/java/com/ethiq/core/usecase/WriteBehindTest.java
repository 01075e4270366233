package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.concurrent.Scheduler;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.port.PersistenceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The call path's write queue on its own: inline when the store is healthy, retried with a capped backoff when not. */
class WriteBehindTest {
    /** Keeps the retries it is given, so the test sees each delay and runs them by hand. */
    private static final class Retries implements Scheduler {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Duration> delays = new ArrayList<>();

        @Override
        public void schedule(Runnable task, Duration delay) {
            tasks.add(task);
            delays.add(delay);
        }

        void runNext() {
            tasks.remove(0).run();
        }
    }

    private final Retries retries = new Retries();
    private final WriteBehind writes = new WriteBehind(Runnable::run, retries,
            new WriteBehind.Settings(10, 100, Duration.ofMillis(100), Duration.ofMillis(300)));
    private final CallSid call = CallSid.of("CA1");
    private final List<String> written = new ArrayList<>();
    private boolean down;

    private Runnable store(String what) {
        return () -> {
            if (down) {
                throw new PersistenceException("down", null);
            }
            written.add(what);
        };
    }

    @Test
    void aReadBehindTheStoreAnswersWhatTheStoreSaysOrNothingWhileItIsAwayWithoutMarkingItDown() {
        assertThat(writes.readBehind("call log", () -> "ended")).contains("ended");

        assertThat(writes.readBehind("call log", () -> {
            throw new PersistenceException("connection refused", null);
        })).isEmpty();
        assertThat(writes.storeDown()).as("only writes say the store is down").isFalse();
        assertThat(writes.pending()).isZero();

        // anything else is a bug, not an outage: it is not swallowed
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> writes.readBehind("call log", () -> {
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHealthyStoreIsWrittenAtOnceAndNothingStaysQueued() {
        writes.writeNowOrLater(call, "log", store("log"));
        assertThat(written).containsExactly("log");
        assertThat(writes.storeDown()).isFalse();
        assertThat(writes.hasPending(call)).isFalse();
        assertThat(writes.pending()).isZero();
        assertThat(writes.pendingCalls()).isZero();
        assertThat(writes.awaitEmpty(Duration.ZERO)).isTrue();
    }

    @Test
    void aRefusedWriteIsRetriedWithADoublingCappedBackoffThenWrittenOnceInOrder() {
        down = true;
        writes.writeNowOrLater(call, "log", store("log"));
        writes.submit(call, WriteBehind.Write.kept("state", store("state")));
        assertThat(writes.storeDown()).isTrue();
        assertThat(writes.hasPending(call)).isTrue();
        assertThat(writes.pending()).isEqualTo(2);
        assertThat(writes.pendingCalls()).isEqualTo(1);
        assertThat(writes.awaitEmpty(Duration.ofMillis(30))).as("nothing empties while the store refuses").isFalse();

        retries.runNext();
        retries.runNext();
        retries.runNext();
        assertThat(retries.delays).startsWith(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300),
                Duration.ofMillis(300));
        assertThat(written).isEmpty();

        down = false;
        retries.runNext();
        assertThat(written).containsExactly("log", "state");
        assertThat(writes.storeDown()).isFalse();
        assertThat(writes.pending()).isZero();
        assertThat(writes.hasPending(call)).isFalse();
        assertThat(writes.awaitEmpty(Duration.ZERO)).isTrue();
        assertThat(writes.dropped()).isZero();
    }

    @Test
    void whileTheCallHasWritesQueuedANewOneWaitsBehindThemEvenIfTheStoreAnswers() {
        down = true;
        writes.writeNowOrLater(call, "segment 1", store("segment 1"));
        down = false;
        writes.writeNowOrLater(call, "segment 2", store("segment 2"));
        assertThat(written).as("not written ahead of the first").isEmpty();
        retries.runNext();
        assertThat(written).containsExactly("segment 1", "segment 2");
    }

    @Test
    void aQueuedWriteCanBeAwaitedAndNamesWhatItWrites() {
        down = true;
        WriteBehind.Write log = writes.submit(call, WriteBehind.Write.kept("call log", store("log")));
        assertThat(log).hasToString("call log");
        assertThat(log.await(Duration.ofMillis(10))).as("still refused").isFalse();
        assertThat(log.done()).isFalse();
        down = false;
        retries.runNext();
        assertThat(log.await(Duration.ZERO)).isTrue();
        assertThat(log.done()).isTrue();
    }

    @Test
    void aScamsAlertsGoAheadOfTheTranscriptLinesQueuedAfterTheCallsLastKeptWrite() {
        List<Runnable> drains = new ArrayList<>();
        WriteBehind queued = new WriteBehind(drains::add, retries, new WriteBehind.Settings(10, 100, Duration.ofMillis(100), Duration.ofMillis(300)));
        queued.submit(call, WriteBehind.Write.droppable("line 1", store("line 1")));
        queued.submit(call, WriteBehind.Write.kept("verdict", store("verdict")));
        queued.submit(call, WriteBehind.Write.droppable("line 2", store("line 2")));
        queued.submit(call, WriteBehind.Write.droppable("line 3", store("line 3")));
        WriteBehind.Write alerts = queued.submitAheadOfLines(call, WriteBehind.Write.kept("alerts", store("alerts")));
        queued.submit(call, WriteBehind.Write.kept("audit", store("audit")));

        assertThat(drains).as("the call's drain, and the alerts' own (whichever starts first takes the queue)").hasSize(2);
        drains.remove(1).run();
        assertThat(written).containsExactly("line 1", "verdict", "alerts", "line 2", "line 3", "audit");
        drains.remove(0).run(); // the drain scheduled first finds the queue done: nothing runs twice
        assertThat(written).hasSize(6);
        assertThat(alerts.done()).isTrue();
        assertThat(queued.pending()).isZero();
        assertThat(queued.hasPending(call)).isFalse();
    }

    @Test
    void withOnlyTranscriptLinesWaitingTheAlertsAreWrittenFirstAndALineAlreadyRunningIsNotOvertaken() {
        List<Runnable> drains = new ArrayList<>();
        WriteBehind queued = new WriteBehind(drains::add, retries, new WriteBehind.Settings(10, 100, Duration.ofMillis(100), Duration.ofMillis(300)));
        WriteBehind.Write[] alerts = new WriteBehind.Write[1];
        // the first line is running when the scam is raised: the alerts come right after it, before the next line
        queued.submit(call, WriteBehind.Write.droppable("line 1", () -> {
            written.add("line 1");
            alerts[0] = queued.submitAheadOfLines(call, WriteBehind.Write.kept("alerts", store("alerts")));
        }));
        queued.submit(call, WriteBehind.Write.droppable("line 2", store("line 2")));
        drains.remove(0).run();
        assertThat(written).containsExactly("line 1", "alerts", "line 2");
        assertThat(alerts[0].done()).isTrue();
        drains.remove(0).run(); // the alerts' drain, submitted while the first ran: it found the queue taken
        assertThat(written).hasSize(3);

        written.clear();
        queued.submit(call, WriteBehind.Write.droppable("line 3", store("line 3")));
        queued.submitAheadOfLines(call, WriteBehind.Write.kept("alerts again", store("alerts again")));
        while (!drains.isEmpty()) {
            drains.remove(0).run();
        }
        assertThat(written).containsExactly("alerts again", "line 3");
        assertThat(queued.pending()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> queued.submitAheadOfLines(call,
                WriteBehind.Write.droppable("line", store("line")))).isInstanceOf(IllegalArgumentException.class);
    }
}
