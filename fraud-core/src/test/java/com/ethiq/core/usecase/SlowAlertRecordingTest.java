package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.fake.InMemoryAlertOutbox;
import com.ethiq.core.port.AlertOutbox;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's exactly-once promise when the store is slow rather than down: recording the alerts outlasts
 * {@link AlertService#RECORD_WAIT}, so the node sends them from memory, and then the recording commits. A worker (of
 * this node or another) that passes right after that late commit, before the send is marked, must find nothing to send.
 * The slow store is a latch, the worker runs at the worst moment by construction: no sleeps, no luck.
 */
class SlowAlertRecordingTest {
    private static final Verdict SCAM = new Verdict.Scam(0.9, ScamCategory.FAKE_BANK_ADVISER, List.of(), "banque, code");

    private final CoreHarness h = new CoreHarness();
    private final Tenant tenant = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE, "+33611111111");
    private final CallSid call = CallSid.of("CA-SLOW");
    /** The store's writer thread: the recording blocks there while the call path goes on. */
    private final ExecutorService storeThread = Executors.newSingleThreadExecutor();
    private final WriteBehind writes = new WriteBehind(storeThread, new CoreHarness.ManualScheduler(), WriteBehind.Settings.DEFAULT);
    private final CountDownLatch recordingStarted = new CountDownLatch(1);
    private final CountDownLatch storeAnswers = new CountDownLatch(1);
    private final InMemoryAlertOutbox stored = new InMemoryAlertOutbox();
    /** Every worker pass made right after the late commit: how many alerts it found to send. */
    private final List<Integer> workerPasses = new java.util.concurrent.CopyOnWriteArrayList<>();
    private AlertDispatcher dispatcher;

    @AfterEach
    void stop() {
        storeAnswers.countDown();
        storeThread.shutdownNow();
    }

    /** The recording waits for {@link #storeAnswers}; once it commits, a worker pass runs at once. */
    private AlertOutbox slowOutbox() {
        return (AlertOutbox) Proxy.newProxyInstance(AlertOutbox.class.getClassLoader(), new Class<?>[]{AlertOutbox.class},
                (proxy, method, args) -> {
                    boolean recording = method.getName().equals("enqueueClaimed") || method.getName().equals("enqueue")
                            && ((Alert) args[0]).status() == AlertStatus.PENDING;
                    if (recording && recordingStarted.getCount() > 0) {
                        recordingStarted.countDown();
                        assertThat(storeAnswers.await(10, TimeUnit.SECONDS)).isTrue();
                    }
                    Object result = method.invoke(stored, args);
                    if (recording && (Boolean.TRUE.equals(result) || result instanceof List<?> l && !l.isEmpty())) {
                        workerPasses.add(dispatcher.dispatchDue());
                    }
                    return result;
                });
    }

    @Test
    void aRecordingThatCommitsAfterTheSendFromMemoryIsNeverSentAgainByAWorker() throws Exception {
        AlertOutbox outbox = slowOutbox();
        ComposedAlertOutcomes outcomes = new ComposedAlertOutcomes(outbox, h.usage, h.audit);
        dispatcher = new AlertDispatcher(outbox, outcomes, h.tenants, h.callControl, h.ids, h.clock,
                Runnable::run, AlertDispatcher.Sends.on(Runnable::run), AlertDispatcher.Settings.DEFAULT);
        AlertService alerts = new AlertService(h.contacts, outbox, h.audit, outcomes, dispatcher, writes, Runnable::run,
                h.ids, h.clock);

        List<Alert> raised = alerts.raise(tenant, call, ConferenceName.forCall(tenant.id(), call), SCAM, null);

        // The recording was running (not withdrawable) past the wait: both warnings went out from memory.
        assertThat(recordingStarted.getCount()).isZero();
        assertThat(raised).hasSize(2);
        assertThat(h.callControl.sent()).hasSize(2);

        storeAnswers.countDown(); // the slow store commits the recording now
        assertThat(writes.awaitEmpty(Duration.ofSeconds(10))).isTrue();

        assertThat(workerPasses).as("worker passes right after each late commit").containsOnly(0);
        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(h.callControl.sent()).as("each warning sent exactly once").hasSize(2);
        assertThat(stored.forCall(tenant.id(), call)).hasSize(2)
                .allMatch(a -> a.status() == AlertStatus.SENT && a.providerReference() != null);
    }

    @Test
    void aLateRecordingLeftUnmarkedIsRetriedByTheWorkersOnlyOnceItsLeaseEnds() throws Exception {
        AlertOutbox outbox = slowOutbox();
        dispatcher = new AlertDispatcher(outbox, new ComposedAlertOutcomes(outbox, h.usage, h.audit),
                h.tenants, h.callControl, h.ids, h.clock,
                Runnable::run, AlertDispatcher.Sends.on(Runnable::run), AlertDispatcher.Settings.DEFAULT);
        // A node that dies after recording: the alerts are leased to it and nobody marks them.
        Instant now = h.clock.instant();
        Alert alert = Alert.pending(h.ids.newId(), tenant.id(), call,
                new com.ethiq.core.domain.AlertRecipient.Phone(com.ethiq.core.domain.PhoneNumber.of("+33611111111")),
                "Alerte", tenant.settings().language(), now);
        storeAnswers.countDown();
        workerPasses.clear();
        assertThat(stored.enqueueClaimed(List.of(alert), now.plus(dispatcher.lease()))).containsExactly(alert);

        assertThat(dispatcher.dispatchDue()).isZero();
        h.clock.advance(dispatcher.lease());
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(h.callControl.sent()).hasSize(1);
        assertThat(stored.forCall(tenant.id(), call)).singleElement().matches(a -> a.status() == AlertStatus.SENT);
    }
}
